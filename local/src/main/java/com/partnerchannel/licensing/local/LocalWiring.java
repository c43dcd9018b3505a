package com.partnerchannel.licensing.local;

import com.partnerchannel.licensing.config.Configuration;
import com.partnerchannel.licensing.config.EventPublishing;
import com.partnerchannel.licensing.config.Expiries;
import com.partnerchannel.licensing.config.Licensing;
import com.partnerchannel.licensing.config.Notifications;
import com.partnerchannel.licensing.config.Renewals;
import com.partnerchannel.licensing.expiry.application.SweepingExpiries;
import com.partnerchannel.licensing.notification.application.Notifying;
import com.partnerchannel.licensing.notification.application.RecordingUndeliverableAddresses;
import com.partnerchannel.licensing.outbox.PublishingEvents;
import com.partnerchannel.licensing.outbox.RedrivingEvents;
import com.partnerchannel.licensing.outbox.WatchingOutbox;
import com.partnerchannel.licensing.testing.SamTemplate;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A handler of template.yaml built as a test builds it: through its wiring constructor (the one that takes
 * {@code Licensing}, {@code Renewals}, …), with that wiring made from the function's settings and the runner's
 * clock, by the same factories its no-argument constructor calls with the environment and the system clock.
 * So every function in this one JVM has settings of its own, and nothing of the runner is in the functions.
 */
final class LocalWiring {
    /** What a handler's constructor may take, and how each is made. */
    private static final Map<Class<?>, BiFunction<Configuration, Clock, Object>> WIRING = Map.of(
            Licensing.class, Licensing::from,
            Renewals.class, Renewals::from,
            SweepingExpiries.class, Expiries::from,
            Notifying.class, Notifications::from,
            RecordingUndeliverableAddresses.class, (configuration, clock) -> Notifications.recordingUndeliverableAddresses(configuration),
            PublishingEvents.class, EventPublishing::publishing,
            RedrivingEvents.class, EventPublishing::redriving,
            WatchingOutbox.class, EventPublishing::watching);

    private LocalWiring() {
    }

    static Object handler(SamTemplate.Function function, Map<String, String> settings, Clock clock) {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(function.logicalId() + ": no class " + function.handlerClass() + " here", e);
        }
        Constructor<?> constructor = wiringConstructor(type).orElseThrow(() -> new IllegalStateException(function.logicalId()
                + ": " + type.getName() + " has no constructor taking one of " + WIRING.keySet().stream().map(Class::getSimpleName)
                .sorted().toList() + "; add its wiring to " + LocalWiring.class.getSimpleName()));
        try {
            Object wiring = WIRING.get(constructor.getParameterTypes()[0]).apply(Configuration.of(settings), clock);
            return constructor.newInstance(wiring);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(function.logicalId() + ": " + type.getName() + " failed at init: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function.logicalId() + ": cannot build " + type.getName() + ": " + e, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(function.logicalId() + ": " + type.getName() + " failed at init: " + e, e);
        }
    }

    static Optional<Constructor<?>> wiringConstructor(Class<?> handler) {
        for (Constructor<?> constructor : handler.getConstructors()) {
            if (constructor.getParameterCount() == 1 && WIRING.containsKey(constructor.getParameterTypes()[0])) {
                return Optional.of(constructor);
            }
        }
        return Optional.empty();
    }
}
