package io.kvs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kvs.refusals.Refusal;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.PreconditionFailedException;
import io.kvs.testing.Api;
import io.kvs.testing.Reply;
import java.io.File;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one place where refusals become HTTP (SPEC §0), in the container but without the node: a focused archive
 * of the web boundary, the refusals and a resource that throws each of them. {@code FailureTest} checks the
 * mapping's table; this checks that the deployed providers apply it to whatever a resource throws, before
 * Jersey's own mappers or the container's error pages can answer instead, and that nothing answers in another
 * shape. Deploys in a few seconds less than the whole WAR (no store, no auth, no cluster to start).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorShapeIT {

    @ArquillianResource
    private URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .addClasses(KvsApplication.class, FailureMapper.class, Failure.class, ErrorBody.class,
                        ApiException.class, JsonExceptionMappers.class, JsonExceptionMappers.Parsing.class,
                        JsonExceptionMappers.Binding.class, JsonbContext.class, RequestBodyInterceptor.class,
                        WebApplicationExceptionMapper.class, ContainerErrorServlet.class)
                .addPackage(Refusal.class.getPackage())
                .addClasses(NoLiveValueException.class, PreconditionFailedException.class)
                .addClass(RefusingResource.class)
                .setWebXML(new File(System.getProperty("kvs.baseDir"), "webapp/WEB-INF/web.xml"));
    }

    @BeforeEach
    void connect() {
        api = new Api(deployment);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"invalid, 400", "unauthenticated, 401", "forbidden, 403", "unknown, 404", "absent, 404",
        "conflict, 409", "precondition, 412", "too-large, 413", "unavailable, 503"})
    void eachRefusalIsAnsweredWithItsStatusInTheErrorShape(String kind, int status) {
        api.get("/refuse/" + kind).assertError(status);
    }

    @Test
    void refusalsCarryTheHeadersTheSpecNames() {
        assertEquals("Bearer realm=\"kvs\"", api.get("/refuse/unauthenticated").header("WWW-Authenticate"));
        assertEquals("7", api.get("/refuse/unavailable").header("Retry-After"));
    }

    @Test
    void aRefusalInsideAFailedFutureKeepsItsStatus() {
        api.get("/refuse/async/absent").assertError(404);
    }

    @Test
    void anythingElseIsA500ThatSaysNothingOfItsCause() {
        Reply reply = api.get("/refuse/bug").assertError(500);
        assertFalse(reply.text().contains(RefusingResource.SECRET), reply.text());
        assertFalse(reply.text().contains("Exception"), reply.text());
    }

    @Test
    void jaxRsOwnRefusalsAreInTheErrorShapeToo() {
        api.get("/nothing/here").assertError(404);
        api.send("DELETE", "/refuse/invalid", BodyPublishers.noBody()).assertError(405);
        api.send("POST", "/refuse/echo", BodyPublishers.ofString("{}"), "Content-Type", "text/plain")
                .assertError(415);
    }

    @Test
    void aMalformedBodyBoundToAParameterIs400() {
        api.send("POST", "/refuse/echo", BodyPublishers.ofString("{\"a\":"), "Content-Type", "application/json")
                .assertError(400);
        Reply echoed = api.send("POST", "/refuse/echo", BodyPublishers.ofString("{\"a\":1}"),
                "Content-Type", "application/json").assertStatus(200);
        assertEquals(1, echoed.json().getInt("a"));
    }
}
