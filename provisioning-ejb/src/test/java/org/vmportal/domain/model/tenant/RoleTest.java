package org.vmportal.domain.model.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void highestRoleWinsWhateverTheOrderInTheToken() {
    assertThat(Role.highestOf(List.of("guest", "tenant-admin"))).contains(Role.TENANT_ADMIN);
    assertThat(Role.highestOf(List.of("guest", "platform-admin", "tenant-admin")))
        .contains(Role.PLATFORM_ADMIN);
  }

  @Test
  void keycloakDefaultRolesAreIgnored() {
    assertThat(Role.highestOf(List.of("offline_access", "uma_authorization", "guest")))
        .contains(Role.GUEST);
    assertThat(Role.highestOf(List.of("offline_access", "default-roles-vmportal"))).isEmpty();
  }

  @Test
  void roleNamesMatchKeycloak() {
    assertThat(Role.PLATFORM_ADMIN.keycloakName()).isEqualTo("platform-admin");
    assertThat(Role.TENANT_ADMIN.keycloakName()).isEqualTo("tenant-admin");
    assertThat(Role.GUEST.keycloakName()).isEqualTo("guest");
  }
}
