package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
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
    void everyFieldErrorHasAMessageInBothLanguagesThatFormatsWithoutAMissingKey() throws IOException {
        Properties ru = load("messages_ru.properties");
        Properties en = load("messages_en.properties");
        Messages messages = new Messages(new ResourceBundleMessageSource("i18n.messages"));
        Set<String> codes = new TreeSet<>();
        for (FieldCode code : FieldCode.values()) {
            assertThat(codes.add(code.code())).as("one constant per code: " + code).isTrue();
            assertThat(FieldCode.byCode(code.code())).contains(code);
            for (String key : List.of(code.messageKey(), code.staffMessageKey())) {
                assertThat(ru.getProperty(key)).as("ru " + key).isNotBlank();
                assertThat(en.getProperty(key)).as("en " + key).isNotBlank();
                for (Locale locale : List.of(Messages.RUSSIAN, Messages.ENGLISH)) {
                    String text = messages.get(key, locale, "1", "2");
                    assertThat(text).as(locale + " " + key).isNotEqualTo(key).doesNotContain("??");
                }
            }
        }
        // no message of a field error the catalogue does not name (a leftover synonym)
        for (String key : en.stringPropertyNames()) {
            if (key.startsWith("field.") && !key.equals("field.required.staff")) {
                assertThat(FieldCode.byCode(key.substring("field.".length()))).as(key).isPresent();
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
