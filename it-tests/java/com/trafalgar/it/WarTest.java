package com.trafalgar.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against the deployed WAR: runs the class under Arquillian's JUnit 5
 * extension. What each IT then states is only what differs:
 *
 * <pre>{@code
 * @WarTest
 * class SomeIT {
 *   @Deployment(testable = false)
 *   static WebArchive deployment() {
 *     return Deployments.trafalgar("TRAFALGAR_DASHBOARD_TOKEN", TOKEN, ...);
 *   }
 *
 *   @ArquillianResource Http http; // a client of the deployed server, new for each test
 * }
 * }</pre>
 *
 * <p>Every deployment is {@code testable = false}, which Arquillian runs from the client side
 * (what {@code @RunAsClient} would say); the {@link Http} field is filled by {@link ItKit}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ArquillianExtension.class)
public @interface WarTest {}
