package org.vmportal.guacamole.connection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.vmportal.guacamole.access.ConsoleKind;

/**
 * Names of the extension's connections, and the links that open them in Guacamole's web app.
 *
 * <p>A connection's identifier depends only on the VM and the console kind ({@code vm-42-desktop},
 * {@code vm-42-terminal}), so a ticket login and a directory of the user's own VMs name the same
 * console alike, and a link works with either.
 *
 * <p>Guacamole 1.5/1.6's web app opens a connection at {@code #/client/<client identifier>}, where
 * the client identifier is, as its {@code ClientIdentifier.toString} builds it, the base64 (with
 * padding) of {@code <connection id> NUL "c" NUL <data source>}, URI-component-encoded. The data
 * source is the authentication provider's identifier, {@code vmportal}.
 */
public final class ConnectionIdentifiers {

  /** The identifier guacamole-ext's {@code AbstractUserContext} gives its root connection group. */
  public static final String ROOT_GROUP = "ROOT";

  /** The extension's data source in Guacamole: its authentication provider's identifier. */
  public static final String DATA_SOURCE = "vmportal";

  /** The request parameter a portal ticket arrives in. */
  public static final String TICKET_PARAMETER = "vmportal-ticket";

  // ClientIdentifier.Types.CONNECTION in Guacamole's web app.
  private static final String CONNECTION_TYPE = "c";

  private ConnectionIdentifiers() {}

  /**
   * The connection identifier of one console of one VM.
   *
   * @param vmId the VM
   * @param kind desktop or terminal
   * @return {@code vm-<id>-desktop} or {@code vm-<id>-terminal}
   */
  public static String of(long vmId, ConsoleKind kind) {
    return "vm-" + vmId + "-" + kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The web app's route to a connection of this extension.
   *
   * @param connectionIdentifier what {@link #of} returned
   * @return {@code #/client/<encoded client identifier>}
   */
  public static String clientRoute(String connectionIdentifier) {
    String clientIdentifier =
        Base64.getEncoder()
            .encodeToString(
                String.join("\0", connectionIdentifier, CONNECTION_TYPE, DATA_SOURCE)
                    .getBytes(StandardCharsets.UTF_8));
    // Base64 uses only letters, digits, '+', '/' and '=': URLEncoder encodes those three exactly as
    // encodeURIComponent does.
    return "#/client/" + URLEncoder.encode(clientIdentifier, StandardCharsets.UTF_8);
  }

  /**
   * A link that signs in with a portal ticket and opens its console in one step. The ticket rides
   * in the route's query, which the web app sends along with its login ({@code
   * $location.search()}).
   *
   * @param guacamoleUrl the web app's address, e.g. {@code https://guac.example.org/guacamole/}
   * @param vmId the VM
   * @param kind the console kind the ticket was issued for
   * @param ticket the ticket from {@code POST /api/vms/{id}/console-tickets}
   * @return the link
   */
  public static String ticketLink(String guacamoleUrl, long vmId, ConsoleKind kind, String ticket) {
    String base = guacamoleUrl.endsWith("/") ? guacamoleUrl : guacamoleUrl + "/";
    return base
        + clientRoute(of(vmId, kind))
        + "?"
        + TICKET_PARAMETER
        + "="
        + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
  }
}
