package org.vmportal.interfaces.rest;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vmportal.application.PortalException;

/** Answers a refused or failed request with its status code and the message for people. */
@Provider
public class PortalExceptionMapper implements ExceptionMapper<PortalException> {

  private static final Logger LOG = Logger.getLogger(PortalExceptionMapper.class.getName());
  private static final int INSUFFICIENT_STORAGE = 507;

  @Override
  public Response toResponse(PortalException e) {
    if (e.getKind() == PortalException.Kind.FAILED) {
      LOG.log(Level.WARNING, e.getMessage(), e.getCause() == null ? e : e.getCause());
    }
    return Response.status(status(e.getKind()))
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorMessage(e.getMessage()))
        .build();
  }

  static int status(PortalException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED -> 415;
      case STORAGE_FULL -> INSUFFICIENT_STORAGE;
      case FAILED -> 500;
    };
  }

  /** Unwraps a {@link PortalException} that an EJB container wrapped, so it maps the same way. */
  @Provider
  public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Override
    public Response toResponse(EJBException e) {
      if (e.getCause() instanceof PortalException portal) {
        return new PortalExceptionMapper().toResponse(portal);
      }
      LOG.log(Level.SEVERE, "Unexpected failure", e);
      return Response.serverError()
          .type(MediaType.APPLICATION_JSON)
          .entity(new ErrorMessage("Something went wrong on the server; it has been logged."))
          .build();
    }
  }
}
