package org.immunis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// HAPI brings Elasticsearch, Quartz and Thymeleaf clients along; the registry indexes with a local Lucene directory
@SpringBootApplication(
		exclude = {
			ElasticsearchRestClientAutoConfiguration.class,
			QuartzAutoConfiguration.class,
			ThymeleafAutoConfiguration.class
		})
@ConfigurationPropertiesScan
public class ImmunisApplication {

	public static void main(String[] args) {
		SpringApplication.run(ImmunisApplication.class, args);
	}
}
