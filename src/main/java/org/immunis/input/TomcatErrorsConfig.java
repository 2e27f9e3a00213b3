package org.immunis.input;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Tomcat answers what it refuses itself with an OperationOutcome (after Spring Boot's own error valve setup). */
@Configuration(proxyBeanMethods = false)
class TomcatErrorsConfig {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports(OutcomeResponse outcomes) {
		return factory -> factory.addContextCustomizers(context -> {
			StandardHost host = (StandardHost) context.getParent();
			// the host adds no default valve of its own beside this one
			host.setErrorReportValveClass(OperationOutcomeErrorReportValve.class.getName());
			host.getPipeline().addValve(new OperationOutcomeErrorReportValve(outcomes));
		});
	}
}
