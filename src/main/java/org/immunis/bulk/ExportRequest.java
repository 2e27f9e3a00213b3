package org.immunis.bulk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bulk export was asked for.
 *
 * @param level system, all patients or a group
 * @param group the Group's logical id for a group export, else null
 * @param types the resource types to export, in order
 * @param since only resources changed at or after this instant; null for all
 * @param url the kick-off request as the client sent it (the manifest's {@code request})
 */
record ExportRequest(ExportLevel level, String group, List<String> types, Instant since, String url) {

	ExportRequest {
		types = List.copyOf(types);
	}

	/** As the job table keeps it (JSON). */
	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("level", level.name());
		map.put("group", group);
		map.put("types", types);
		map.put("since", since == null ? null : since.toString());
		map.put("url", url);
		return map;
	}

	@SuppressWarnings("unchecked")
	static ExportRequest fromMap(Map<String, Object> map) {
		Object since = map.get("since");
		return new ExportRequest(ExportLevel.valueOf((String) map.get("level")), (String) map.get("group"),
				(List<String>) map.get("types"), since == null ? null : Instant.parse((String) since), (String) map.get("url"));
	}
}
