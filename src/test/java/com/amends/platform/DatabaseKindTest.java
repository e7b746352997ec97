package com.amends.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DatabaseKindTest {
    @Test
    void shouldTellH2FromPostgreSqlByTheUrl() {
        assertThat(DatabaseKind.of("jdbc:h2:file:./data/amends;MODE=PostgreSQL;WRITE_DELAY=0")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("jdbc:h2:mem:test")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("jdbc:postgresql://db:5432/amends?user=amends")).isEqualTo(DatabaseKind.POSTGRESQL);
    }

    @Test
    void shouldRefuseAnyOtherDatabase_WithoutRepeatingTheRestOfTheUrl() {
        assertThatThrownBy(() -> DatabaseKind.of("jdbc:mysql://db/amends?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql:")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseKind.of("user:secret@db")).hasMessageNotContaining("secret");
    }
}
