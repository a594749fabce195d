package io.tollgate.rck;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Skips a {@link NotOnS3} test on the s3 run, naming the reason. Registered for every Jupiter test
 * of the run through {@code META-INF/services}, beside {@link NotServedCondition}.
 */
public final class NotOnS3Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!KitStorage.isKitRun() || KitStorage.ofThisRun() != KitStorage.S3) {
            return ConditionEvaluationResult.enabled("not the s3 run");
        }
        String testClass = context.getTestClass().map(Class::getSimpleName).orElse("");
        String testMethod = context.getTestMethod().map(Method::getName).orElse("");
        return Arrays.stream(NotOnS3.values()).filter(test -> test.is(testClass, testMethod)).findFirst()
                .map(test -> ConditionEvaluationResult.disabled("not run on s3 storage: " + test.reason()))
                .orElse(ConditionEvaluationResult.enabled("runs on every storage kind"));
    }
}
