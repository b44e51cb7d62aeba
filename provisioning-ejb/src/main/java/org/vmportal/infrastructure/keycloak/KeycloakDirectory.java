package org.vmportal.infrastructure.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmportal.domain.model.tenant.Role;
import org.vmportal.domain.model.tenant.TenantMembership;
import org.vmportal.domain.service.DirectoryException;
import org.vmportal.domain.service.DirectoryException.Kind;
import org.vmportal.domain.service.IdentityDirectory;

/**
 * {@link IdentityDirectory} over Keycloak's admin REST API, as the {@code portal-admin} service
 * account (realm-management {@code manage-users} only). Tenants are the subgroups of {@code
 * /tenants}; the portal role is the one realm role among {@code platform-admin}, {@code
 * tenant-admin} and {@code guest}. Reading a member list costs one call per member for its roles:
 * listing users by role would need {@code view-realm}, which the account does not get.
 */
@ApplicationScoped
public class KeycloakDirectory implements IdentityDirectory {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_MEMBERS = 500;
  private static final String TENANTS_PATH = "/tenants";

  @Inject private KeycloakAdminSettings settings;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private String accessToken;
  private Instant tokenExpires = Instant.EPOCH;

  @Override
  public List<Account> members(String tenantSlug) {
    String groupId = groupId(tenantSlug);
    List<Account> accounts = new ArrayList<>();
    for (JsonValue user :
        array(
            call(
                "GET",
                "/groups/" + groupId + "/members?briefRepresentation=true&max=" + MAX_MEMBERS,
                null))) {
      JsonObject u = user.asJsonObject();
      accounts.add(account(u, tenantSlug, role(u.getString("id"))));
    }
    accounts.sort(Comparator.comparing(Account::username));
    return accounts;
  }

  @Override
  public Optional<Account> account(String subject) {
    if (!subject.matches("[0-9a-fA-F-]{1,64}")) {
      return Optional.empty(); // not a Keycloak id: no request with it
    }
    JsonStructure user = callOrNull("GET", "/users/" + subject, null);
    if (user == null) {
      return Optional.empty();
    }
    List<String> paths = new ArrayList<>();
    for (JsonValue group : array(call("GET", "/users/" + subject + "/groups", null))) {
      paths.add(group.asJsonObject().getString("path"));
    }
    String slug;
    try {
      slug = TenantMembership.tenantSlugOf(paths).orElse(null);
    } catch (IllegalArgumentException e) {
      slug = null; // in two tenants: the portal refuses its sign-in; admins see it in no tenant
    }
    return Optional.of(account(user.asJsonObject(), slug, role(subject)));
  }

  @Override
  public String create(NewAccount account, String temporaryPassword, String tenantSlug, Role role) {
    JsonArrayBuilder groups = Json.createArrayBuilder();
    if (tenantSlug != null) {
      groupId(tenantSlug); // the tenant must exist before anyone is put in it
      groups.add(TenantMembership.TENANTS_GROUP + tenantSlug);
    }
    JsonObject body =
        Json.createObjectBuilder()
            .add("username", account.username())
            .add("email", account.email())
            .add("firstName", account.firstName())
            .add("lastName", account.lastName())
            .add("enabled", true)
            .add("emailVerified", true)
            .add("groups", groups)
            .add(
                "credentials",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("type", "password")
                            .add("value", temporaryPassword)
                            .add("temporary", true)))
            .build();
    HttpResponse<String> created = send("POST", "/users", body);
    if (created.statusCode() == 409) {
      throw new DirectoryException(Kind.CONFLICT, body(created));
    }
    requireSuccess(created);
    String location = created.headers().firstValue("Location").orElseThrow();
    String subject = location.substring(location.lastIndexOf('/') + 1);
    try {
      grantRole(subject, role);
    } catch (RuntimeException e) {
      callOrNull("DELETE", "/users/" + subject, null); // all or nothing
      throw e;
    }
    return subject;
  }

  @Override
  public void assign(String subject, String tenantSlug, Role role) {
    String target = tenantSlug == null ? null : groupId(tenantSlug);
    boolean member = false;
    for (JsonValue value : array(call("GET", "/users/" + subject + "/groups", null))) {
      JsonObject group = value.asJsonObject();
      if (!group.getString("path").startsWith(TenantMembership.TENANTS_GROUP)) {
        continue;
      }
      if (group.getString("id").equals(target)) {
        member = true;
      } else {
        call("DELETE", "/users/" + subject + "/groups/" + group.getString("id"), null);
      }
    }
    if (target != null && !member) {
      call("PUT", "/users/" + subject + "/groups/" + target, null);
    }
    JsonArrayBuilder stale = Json.createArrayBuilder();
    int staleCount = 0;
    for (JsonValue value : array(call("GET", "/users/" + subject + "/role-mappings/realm", null))) {
      JsonObject mapped = value.asJsonObject();
      String name = mapped.getString("name");
      if (!name.equals(role.keycloakName()) && isPortalRole(name)) {
        stale.add(mapped);
        staleCount++;
      }
    }
    if (staleCount > 0) {
      call("DELETE", "/users/" + subject + "/role-mappings/realm", stale.build());
    }
    grantRole(subject, role);
  }

  @Override
  public void setEnabled(String subject, boolean enabled) {
    // The whole representation goes back: a partial one may drop profile attributes.
    JsonObject user = call("GET", "/users/" + subject, null).asJsonObject();
    call(
        "PUT",
        "/users/" + subject,
        Json.createObjectBuilder(user).add("enabled", enabled).remove("access").build());
  }

  @Override
  public void resetPassword(String subject, String temporaryPassword) {
    call(
        "PUT",
        "/users/" + subject + "/reset-password",
        Json.createObjectBuilder()
            .add("type", "password")
            .add("value", temporaryPassword)
            .add("temporary", true)
            .build());
  }

  @Override
  public void endSessions(String subject) {
    call("POST", "/users/" + subject + "/logout", null);
  }

  @Override
  public Set<String> sessionIds(String subject) {
    Set<String> ids = new HashSet<>();
    JsonStructure sessions = callOrNull("GET", "/users/" + subject + "/sessions", null);
    if (sessions != null) {
      for (JsonValue session : array(sessions)) {
        ids.add(session.asJsonObject().getString("id"));
      }
    }
    return ids;
  }

  @Override
  public void createTenant(String slug, String displayName) {
    HttpResponse<String> created =
        send(
            "POST",
            "/groups/" + groupIdByPath(TENANTS_PATH) + "/children",
            Json.createObjectBuilder()
                .add("name", slug)
                .add(
                    "attributes",
                    Json.createObjectBuilder()
                        .add("displayName", Json.createArrayBuilder().add(displayName)))
                .build());
    if (created.statusCode() == 409) {
      throw new DirectoryException(Kind.CONFLICT, "The tenant group " + slug + " exists.");
    }
    requireSuccess(created);
  }

  @Override
  public void renameTenant(String slug, String displayName) {
    String id = groupId(slug);
    JsonObject group = call("GET", "/groups/" + id, null).asJsonObject();
    JsonObject attributes =
        Json.createObjectBuilder(
                group.containsKey("attributes")
                    ? group.getJsonObject("attributes")
                    : JsonValue.EMPTY_JSON_OBJECT)
            .add("displayName", Json.createArrayBuilder().add(displayName))
            .build();
    call(
        "PUT",
        "/groups/" + id,
        Json.createObjectBuilder(group).add("attributes", attributes).remove("access").build());
  }

  @Override
  public void deleteTenant(String slug) {
    call("DELETE", "/groups/" + groupId(slug), null);
  }

  private static boolean isPortalRole(String name) {
    for (Role role : Role.values()) {
      if (role.keycloakName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Maps the realm role, found among the roles the account may still be given. */
  private void grantRole(String subject, Role role) {
    for (JsonValue value :
        array(call("GET", "/users/" + subject + "/role-mappings/realm/available", null))) {
      JsonObject available = value.asJsonObject();
      if (available.getString("name").equals(role.keycloakName())) {
        call(
            "POST",
            "/users/" + subject + "/role-mappings/realm",
            Json.createArrayBuilder().add(available).build());
        return;
      }
    }
    // Not available: the account has it already (or the realm lacks it, which the next check
    // shows).
    if (role(subject) != role) {
      throw new DirectoryException(Kind.FAILED, "The realm has no role " + role.keycloakName());
    }
  }

  private Role role(String subject) {
    List<String> names = new ArrayList<>();
    for (JsonValue value : array(call("GET", "/users/" + subject + "/role-mappings/realm", null))) {
      names.add(value.asJsonObject().getString("name"));
    }
    return Role.highestOf(names).orElse(null);
  }

  private String groupId(String tenantSlug) {
    if (!tenantSlug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new DirectoryException(Kind.NOT_FOUND, "Not a tenant: " + tenantSlug);
    }
    return groupIdByPath(TENANTS_PATH + "/" + tenantSlug);
  }

  private String groupIdByPath(String path) {
    JsonStructure group = callOrNull("GET", "/group-by-path" + path, null);
    if (group == null) {
      throw new DirectoryException(Kind.NOT_FOUND, "No group " + path + " in Keycloak.");
    }
    return group.asJsonObject().getString("id");
  }

  private static Account account(JsonObject user, String tenantSlug, Role role) {
    return new Account(
        user.getString("id"),
        user.getString("username"),
        user.getString("email", null),
        user.getString("firstName", null),
        user.getString("lastName", null),
        user.getBoolean("enabled", false),
        tenantSlug,
        role);
  }

  private static JsonArray array(JsonStructure json) {
    return json == null ? JsonValue.EMPTY_JSON_ARRAY : json.asJsonArray();
  }

  /** A call that must succeed; its JSON answer, or {@code null} when there is none. */
  private JsonStructure call(String method, String path, JsonStructure body) {
    HttpResponse<String> response = send(method, path, body);
    if (response.statusCode() == 404) {
      throw new DirectoryException(Kind.NOT_FOUND, method + " " + path + ": " + body(response));
    }
    requireSuccess(response);
    return parse(response);
  }

  /** A call whose 404 means "there is none". */
  private JsonStructure callOrNull(String method, String path, JsonStructure body) {
    HttpResponse<String> response = send(method, path, body);
    if (response.statusCode() == 404) {
      return null;
    }
    requireSuccess(response);
    return parse(response);
  }

  private static JsonStructure parse(HttpResponse<String> response) {
    String text = response.body();
    if (text == null || text.isBlank()) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.read();
    }
  }

  private static void requireSuccess(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new DirectoryException(
          Kind.FAILED,
          "Keycloak answered "
              + response.statusCode()
              + " to "
              + response.request().method()
              + " "
              + response.request().uri().getPath()
              + ": "
              + body(response));
    }
  }

  private static String body(HttpResponse<String> response) {
    String text = response.body() == null ? "" : response.body();
    return text.length() > 300 ? text.substring(0, 300) : text;
  }

  private HttpResponse<String> send(String method, String path, JsonStructure body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.admin(path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return exchange(request.build());
  }

  /** The service account's access token, fetched again shortly before it expires. */
  private synchronized String token() {
    if (Instant.now().isBefore(tokenExpires)) {
      return accessToken;
    }
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> response =
        exchange(
            HttpRequest.newBuilder(settings.tokenEndpoint())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    if (response.statusCode() != 200) {
      throw new DirectoryException(
          Kind.FAILED,
          "The portal's Keycloak service account was refused a token ("
              + response.statusCode()
              + "); check portal.keycloak.admin.client-id and -secret");
    }
    JsonObject token = parse(response).asJsonObject();
    accessToken = token.getString("access_token");
    tokenExpires = Instant.now().plusSeconds(Math.max(0, token.getInt("expires_in", 60) - 15));
    return accessToken;
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DirectoryException("Keycloak could not be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryException("Interrupted while calling Keycloak", e);
    }
  }
}
