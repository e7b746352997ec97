package com.amends.platform;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.server.ParamException;
import org.glassfish.jersey.server.model.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception mapper. Dropwizard's default mappers are switched off so that every failure,
 * from a malformed body to an unknown path, leaves in the same problem shape; anything
 * unexpected becomes a bare 500 with a reference to the log line, never a stack trace or SQL.
 */
@Provider
public final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    /** How long a client is asked to wait when the database is away: long enough not to hammer it, short enough to notice it is back. */
    static final int OUTAGE_RETRY_SECONDS = 5;
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /**
     * Jersey picks the mapper registered for the nearest type, and jersey-bean-validation brings
     * one for {@link jakarta.validation.ValidationException} that answers a bare 400; this one is
     * nearer still and hands over to the same mapping.
     */
    @Provider
    public static final class Validation implements ExceptionMapper<jakarta.validation.ValidationException> {
        private final ProblemMapper mapper;

        public Validation(ProblemMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public Response toResponse(jakarta.validation.ValidationException exception) {
            return mapper.toResponse(exception);
        }
    }

    private final FailureLog failures;

    public ProblemMapper(Clock clock) {
        this.failures = new FailureLog(LOG, clock, FailureLog.DEFAULT_INTERVAL);
    }

    @Override
    public Response toResponse(Throwable exception) {
        Problem problem = toProblem(exception);
        Response.ResponseBuilder response = Response.status(problem.getStatus())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (exception instanceof NotAllowedException notAllowed) {
            response.allow(notAllowed.getResponse().getAllowedMethods());
        }
        if (problem.getStatus() == 401) {
            // A refusal of a key that authentication recognised (an expired one) says, like any 401, how to authenticate.
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"amends\"");
        }
        if (problem.getExtensions().get("retry_after_seconds") instanceof Number n) {
            response.header(HttpHeaders.RETRY_AFTER, n.longValue());
        }
        return response.build();
    }

    Problem toProblem(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api.toProblem(); // e.g. thrown by the body size limit while Jackson was reading
            }
        }
        if (exception instanceof ApiException api) {
            return api.toProblem();
        }
        if (exception instanceof ConstraintViolationException violations) {
            return violations(violations);
        }
        if (exception instanceof JacksonException json) {
            return json(json);
        }
        if (exception instanceof ParamException param) {
            String name = param.getParameterName();
            // Only our converters' words are shown: JAX-RS's own (a NumberFormatException's) are not for clients.
            String message = param.getCause() instanceof ParamConverters.Refused refused ? refused.getMessage()
                    : "is not valid";
            return new Problem(ErrorCode.INVALID_PARAMETER, "Parameter " + name + " " + message,
                    List.of(new FieldError(name, message)), Map.of());
        }
        if (exception instanceof WebApplicationException web) {
            return web(web);
        }
        if (DatabaseOutage.is(exception)) {
            failures.summarise("Database unavailable; requests are answered 503", exception);
            return new Problem(ErrorCode.SERVICE_UNAVAILABLE, "The database cannot take requests now; retry in "
                    + OUTAGE_RETRY_SECONDS + " seconds", null, Map.of("retry_after_seconds", OUTAGE_RETRY_SECONDS));
        }
        if (clientWentAway(exception)) {
            // The client closed the connection mid-body: nobody reads this answer, and it is not our fault.
            LOG.info("A client closed its connection before sending the whole request body");
            return new Problem(ErrorCode.BAD_REQUEST, "The request body ended early", null, Map.of());
        }
        String reference = UUID.randomUUID().toString();
        failures.error("Unexpected error, reference " + reference, exception);
        return new Problem(ErrorCode.INTERNAL_ERROR,
                "Something went wrong on our side; quote reference " + reference, null, Map.of("reference", reference));
    }

    private static boolean clientWentAway(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.io.EOFException) {
                return true; // Jetty's EofException among them: the connection ended before the body did
            }
        }
        return false;
    }

    private Problem web(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        if (web instanceof NotFoundException) {
            return new Problem(ErrorCode.NOT_FOUND, "No resource at this path", null, Map.of());
        }
        if (web instanceof NotAllowedException) {
            return new Problem(ErrorCode.METHOD_NOT_ALLOWED, "This path does not take that method", null, Map.of());
        }
        if (web instanceof NotSupportedException) {
            return new Problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json", null, Map.of());
        }
        if (web instanceof NotAcceptableException) {
            return new Problem(ErrorCode.NOT_ACCEPTABLE, "This resource answers in application/json", null, Map.of());
        }
        if (web instanceof NotAuthorizedException) {
            return new Problem(ErrorCode.UNAUTHORIZED, "Send Authorization: Bearer <api key>", null, Map.of());
        }
        if (status == 403) {
            return new Problem(ErrorCode.FORBIDDEN, "This API key's role may not call this operation", null, Map.of());
        }
        if (status == 413) {
            return new Problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large", null, Map.of());
        }
        if (status >= 500) {
            return toProblem(new IllegalStateException("Web application error " + status, web));
        }
        return new Problem(ErrorCode.INVALID_PARAMETER, "The request could not be understood", null, Map.of());
    }

    private static Problem json(JacksonException json) {
        if (json instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return validation(new FieldError(field, "is not a known field"));
        }
        if (json instanceof InvalidFormatException || json instanceof MismatchedInputException) {
            JsonMappingException mapping = (JsonMappingException) json;
            if (mapping.getPath().isEmpty()) {
                return new Problem(ErrorCode.MALFORMED_JSON, "The body must be a JSON object", null, Map.of());
            }
            return validation(new FieldError(path(mapping), "has the wrong type; " + expected(mapping)));
        }
        if (json instanceof InputCoercionException) {
            return validation(new FieldError("body", "holds a number out of range"));
        }
        if (json instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException) {
            return validation(new FieldError(path(mapping), "is out of range"));
        }
        return new Problem(ErrorCode.MALFORMED_JSON, "The body is not valid JSON", null, Map.of());
    }

    private static String expected(JsonMappingException mapping) {
        if (mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            Class<?> type = mismatched.getTargetType();
            if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
                return "expected an integer";
            }
            if (type == String.class || type.isEnum()) {
                return "expected a string" + (type.isEnum() ? " of the allowed values" : "");
            }
            if (type == Boolean.class || type == boolean.class) {
                return "expected true or false";
            }
            if (type == java.time.Instant.class) {
                return "expected an ISO-8601 UTC time";
            }
        }
        return "expected another type";
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static Problem violations(ConstraintViolationException exception) {
        Method method = exception instanceof JerseyViolationException jersey
                ? handlingMethod(jersey.getInvocable()) : null;
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            errors.add(new FieldError(field(violation.getPropertyPath(), method), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return new Problem(ErrorCode.VALIDATION_FAILED, summary(errors), errors, Map.of());
    }

    private static Method handlingMethod(Invocable invocable) {
        return invocable == null ? null : invocable.getHandlingMethod();
    }

    private static Problem validation(FieldError error) {
        return new Problem(ErrorCode.VALIDATION_FAILED, summary(List.of(error)), List.of(error), Map.of());
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + " " + errors.get(0).message();
        }
        return errors.size() + " fields are not valid";
    }

    /**
     * Turns a bean-validation path such as {@code create.request.customerId} into what the client
     * sent: the JSON field {@code customer_id}, or the query parameter's own name.
     */
    static String field(Path path, Method method) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                String parameter = parameterName(method, (Path.ParameterNode) node);
                if (parameter != null) {
                    field.append(parameter);
                }
                continue;
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(SNAKE.translate(node.getName()));
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String parameterName(Method method, Path.ParameterNode node) {
        if (method == null || node.getParameterIndex() >= method.getParameterCount()) {
            return null;
        }
        for (Annotation annotation : method.getParameterAnnotations()[node.getParameterIndex()]) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam pathParam) {
                return pathParam.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return null; // the request body: its fields follow as property nodes
    }
}
