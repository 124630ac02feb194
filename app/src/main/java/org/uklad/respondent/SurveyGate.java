package org.uklad.respondent;

import jakarta.inject.Singleton;
import java.time.Instant;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.SurveyAccess;
import org.uklad.wave.Waves;

/** Opens a survey for a code only while its wave is open and the code has uses left. */
@Singleton
class SurveyGate {

    private final Waves waves;

    SurveyGate(Waves waves) {
        this.waves = waves;
    }

    SurveyAccess open(String typedCode) {
        SurveyAccess access = waves.resolve(typedCode).orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN));
        switch (access.wave().stateAt(Instant.now())) {
            case NOT_YET_OPEN -> throw new ProblemException(ErrorCode.WAVE_NOT_OPEN);
            case CLOSED -> throw new ProblemException(ErrorCode.WAVE_CLOSED);
            case OPEN -> {
                // fall through to the use check
            }
        }
        if (access.exhausted()) {
            throw new ProblemException(ErrorCode.CODE_EXHAUSTED);
        }
        return access;
    }
}
