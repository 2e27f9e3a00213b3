package org.immunis.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The demo set of records (config/identity-demo.yaml): the family, organizations, roster and doctor the demo users of
 * the embedded authorization server act for.
 *
 * @param records a transaction bundle of PUT entries, loaded once into an empty registry; none: nothing is loaded
 */
@ConfigurationProperties("immunis.demo")
public record DemoProperties(Resource records) {}
