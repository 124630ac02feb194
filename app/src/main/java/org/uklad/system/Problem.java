package org.uklad.system;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 9457 problem details, with {@code code} from the catalogue and each bad field in {@code errors}. */
@Serdeable
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      List<Problem.Field> errors) {

    /** One bad field: its name (item id, header or JSON property), a stable reason code and a message. */
    @Serdeable
    public record Field(String field, String code, String message) {}
}
