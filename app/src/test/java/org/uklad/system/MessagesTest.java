package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every user-visible text exists in Russian and in English. */
class MessagesTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream("i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void russianAndEnglishBundlesHaveTheSameKeysAndNoEmptyTexts() throws IOException {
        Properties ru = load("messages_ru.properties");
        Properties en = load("messages_en.properties");
        Set<String> onlyRu = new TreeSet<>(ru.stringPropertyNames());
        onlyRu.removeAll(en.stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en.stringPropertyNames());
        onlyEn.removeAll(ru.stringPropertyNames());
        assertThat(onlyRu).as("keys missing in English").isEmpty();
        assertThat(onlyEn).as("keys missing in Russian").isEmpty();
        for (String key : ru.stringPropertyNames()) {
            assertThat(ru.getProperty(key)).as(key).isNotBlank();
            assertThat(en.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyCatalogueErrorHasATitleAndADetailInBothLanguages() throws IOException {
        for (String bundle : new String[] {"messages_ru.properties", "messages_en.properties"}) {
            Properties p = load(bundle);
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(p.getProperty(code.titleKey())).as(bundle + " " + code).isNotBlank();
                assertThat(p.getProperty(code.detailKey())).as(bundle + " " + code).isNotBlank();
            }
        }
    }

    @Test
    void russianTextsAreInRussian() throws IOException {
        Properties ru = load("messages_ru.properties");
        long cyrillic = ru.stringPropertyNames().stream()
                .filter(k -> ru.getProperty(k).chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC))
                .count();
        // a few entries are language names or bare placeholders ("English", "{0}")
        assertThat(cyrillic).isGreaterThan(ru.size() - 5L);
    }
}
