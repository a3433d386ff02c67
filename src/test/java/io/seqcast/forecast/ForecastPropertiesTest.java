package io.seqcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForecastPropertiesTest {

    @Test
    void onlyKnownCandidatesCanBeExcludedFromTheCheck() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            Set<ConstraintViolation<ForecastProperties.Selection>> fine = validator.validate(
                    new ForecastProperties.Selection("best", 40, 20000, List.of("seasonal-smoothing", "model+theta")));
            Set<ConstraintViolation<ForecastProperties.Selection>> unknown = validator.validate(
                    new ForecastProperties.Selection("best", 40, 20000, List.of("seasonal-smoothing", "prophet")));

            assertThat(fine).isEmpty();
            assertThat(unknown).singleElement().satisfies(v -> {
                assertThat(v.getPropertyPath().toString()).startsWith("exclude[1]");
                assertThat(v.getMessage()).contains("must be one of model+theta+damped");
            });
        }
    }
}
