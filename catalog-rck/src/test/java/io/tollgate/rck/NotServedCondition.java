package io.tollgate.rck;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Skips a kit test that needs a feature the running catalog does not serve (see {@link
 * KitFeature}), naming the feature. Registered for every Jupiter test of the run through
 * {@code META-INF/services} (extension auto-detection is on for the kit's executions).
 */
public final class NotServedCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String notServed = System.getProperty(KitFeature.NOT_SERVED_PROPERTY, "");
        String testClass = context.getTestClass().map(Class::getSimpleName).orElse("");
        String testMethod = context.getTestMethod().map(Method::getName).orElse(null);
        return Arrays.stream(notServed.split(",")).filter(name -> !name.isEmpty()).map(KitFeature::valueOf)
                .filter(feature -> feature.neededBy(testClass, testMethod)).findFirst()
                .map(feature -> ConditionEvaluationResult.disabled("not served by catalog-service: "
                        + feature.description()))
                .orElse(ConditionEvaluationResult.enabled("served"));
    }
}
