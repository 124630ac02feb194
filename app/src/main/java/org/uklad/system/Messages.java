package org.uklad.system;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Every user-visible text of the service, from {@code i18n/messages_ru.properties} (default) and
 * {@code i18n/messages_en.properties}.
 */
@Singleton
public class Messages {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final Locale ENGLISH = Locale.ENGLISH;

    private final MessageSource source;

    Messages(MessageSource source) {
        this.source = source;
    }

    public String get(String key, Locale locale, Object... args) {
        Locale effective = supported(locale);
        return source.getMessage(key, effective, args).orElse(key);
    }

    /** Only Russian and English exist; anything else is shown in Russian. */
    public static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : RUSSIAN;
    }

    @Factory
    static class MessageSourceFactory {
        @Singleton
        MessageSource messageSource() {
            return new ResourceBundleMessageSource("i18n.messages");
        }
    }
}
