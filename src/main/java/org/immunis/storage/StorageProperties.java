package org.immunis.storage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How records are stored and indexed.
 *
 * @param inlineResourceTextBelowSize resources smaller than this many characters are stored inline rather than as LOBs
 * @param indexStorageOptimized leave redundant columns out of the search index tables (less disk per resource)
 * @param bundleBatchPoolSize threads that work on the GET entries of one batch bundle
 * @param retiredSearchParameters canonical URLs of HAPI's built-in search parameters the registry neither searches
 *     nor indexes; every indexed parameter costs index rows on every write
 */
@ConfigurationProperties("immunis.storage")
public record StorageProperties(
		int inlineResourceTextBelowSize,
		boolean indexStorageOptimized,
		int bundleBatchPoolSize,
		List<String> retiredSearchParameters) {}
