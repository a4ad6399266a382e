package dev.vigil.notify.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.List;

/** {@code vigil.notify.*}: grouping, routing, repeats, escalation, retries. Receivers have their own properties. */
@ConfigurationProperties("vigil.notify")
public class NotifyProperties {

    /** Alertmanager's default: long enough to gather a host's alerts that fire together into one message. */
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    /**
     * Group wait of the critical routes in the tree built without a routing file. Alerts that fire
     * together are found by the same evaluation cycle and written in one transaction, so they are
     * grouped however short the wait; a longer wait only batches alerts of later cycles, which a
     * critical page should not wait for. 10 s keeps a critical email within 30 s (p95) of the sample
     * with the local 15 s evaluation schedule (README, "Notification latency").
     */
    public static final Duration DEFAULT_CRITICAL_GROUP_WAIT = Duration.ofSeconds(10);
    /** Alertmanager's default repeat_interval, for routes in a routing file that set none. */
    public static final Duration DEFAULT_FILE_REPEAT_INTERVAL = Duration.ofHours(4);
    /**
     * Alertmanager's default group_interval: after a host's group message, its next new alerts are
     * collected for this long into one follow-up message instead of each paging after its own group wait.
     */
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    /** A critical alert is repeated hourly until acknowledged or resolved (README, Notify configuration). */
    public static final Duration DEFAULT_REPEAT_CRITICAL = Duration.ofHours(1);
    /** Warnings are repeated twice a day: they need attention within a working day, not a page every hour. */
    public static final Duration DEFAULT_REPEAT_WARNING = Duration.ofHours(12);
    /** Warnings go by email only: nobody is woken for them. */
    public static final List<String> DEFAULT_WARNING_RECEIVERS = List.of("email");
    /** Criticals go by email and to every chat/webhook receiver ("webhook" expands to each URL). */
    public static final List<String> DEFAULT_CRITICAL_RECEIVERS = List.of("email", "slack", "telegram", "webhook");
    /** Half an hour of an unacknowledged critical alert means the first responders did not react. */
    public static final Duration DEFAULT_ESCALATE_AFTER = Duration.ofMinutes(30);
    /** Covers a receiver down for more than an hour: 10s doubling to 10min, 16 attempts ~ 1h50m. */
    public static final int DEFAULT_MAX_ATTEMPTS = 16;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(10);
    /** Far longer than one delivery (HTTP 5s, SMTP 10s timeouts) so a live claim never expires mid-send. */
    public static final Duration DEFAULT_CLAIM_TTL = Duration.ofMinutes(2);
    /**
     * The longest one delivery may take: SMTP connect 5 s + a 10 s read or write, with one reconnect, or
     * HTTP connect + request timeouts (the larger wins). A runner starts an item only while its claim has
     * at least this much (plus a second for marking it sent) left, so no claim expires mid-send.
     */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** Items claimed per round trip: small enough that a crashed runner strands little work. */
    public static final int DEFAULT_CLAIM_BATCH = 50;
    /** Stay well inside a one-minute Lambda timeout; the next run continues. */
    public static final Duration DEFAULT_RUN_BUDGET = Duration.ofSeconds(45);

    /** An Alertmanager-format routing file (env VIGIL_NOTIFY_CONFIG_FILE); without one the tree is built from these settings. */
    @Nullable
    private String configFile;
    @NotNull
    private Duration groupWait = DEFAULT_GROUP_WAIT;
    @NotNull
    private Duration criticalGroupWait = DEFAULT_CRITICAL_GROUP_WAIT;
    @NotNull
    private Duration groupInterval = DEFAULT_GROUP_INTERVAL;
    @NotNull
    private Duration repeatCritical = DEFAULT_REPEAT_CRITICAL;
    @NotNull
    private Duration repeatWarning = DEFAULT_REPEAT_WARNING;
    @NotNull
    private List<String> warningReceivers = DEFAULT_WARNING_RECEIVERS;
    @NotNull
    private List<String> criticalReceivers = DEFAULT_CRITICAL_RECEIVERS;
    @NotNull
    private Duration escalateAfter = DEFAULT_ESCALATE_AFTER;
    /** Receiver names told about escalations; "escalation-email" is the email receiver for {@code vigil.notify.email.escalation-to}. */
    @NotNull
    private List<String> escalationReceivers = List.of("escalation-email");
    @Min(1)
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    @NotNull
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    @NotNull
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    @NotNull
    private Duration claimTtl = DEFAULT_CLAIM_TTL;
    @Min(1)
    private int claimBatch = DEFAULT_CLAIM_BATCH;
    @NotNull
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
    @NotNull
    private Duration runBudget = DEFAULT_RUN_BUDGET;
    private boolean evaluationStaleCheck = true;

    @Nullable
    public String getConfigFile() { return configFile; }
    public void setConfigFile(@Nullable String configFile) { this.configFile = configFile; }
    public Duration getCriticalGroupWait() { return criticalGroupWait; }
    public void setCriticalGroupWait(Duration criticalGroupWait) { this.criticalGroupWait = criticalGroupWait; }
    public Duration getGroupWait() { return groupWait; }
    public void setGroupWait(Duration groupWait) { this.groupWait = groupWait; }
    public Duration getGroupInterval() { return groupInterval; }
    public void setGroupInterval(Duration groupInterval) { this.groupInterval = groupInterval; }
    public Duration getRepeatCritical() { return repeatCritical; }
    public void setRepeatCritical(Duration repeatCritical) { this.repeatCritical = repeatCritical; }
    public Duration getRepeatWarning() { return repeatWarning; }
    public void setRepeatWarning(Duration repeatWarning) { this.repeatWarning = repeatWarning; }
    public List<String> getWarningReceivers() { return warningReceivers; }
    public void setWarningReceivers(List<String> warningReceivers) { this.warningReceivers = warningReceivers; }
    public List<String> getCriticalReceivers() { return criticalReceivers; }
    public void setCriticalReceivers(List<String> criticalReceivers) { this.criticalReceivers = criticalReceivers; }
    public Duration getEscalateAfter() { return escalateAfter; }
    public void setEscalateAfter(Duration escalateAfter) { this.escalateAfter = escalateAfter; }
    public List<String> getEscalationReceivers() { return escalationReceivers; }
    public void setEscalationReceivers(List<String> escalationReceivers) { this.escalationReceivers = escalationReceivers; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getInitialBackoff() { return initialBackoff; }
    public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    public Duration getClaimTtl() { return claimTtl; }
    public void setClaimTtl(Duration claimTtl) { this.claimTtl = claimTtl; }
    public int getClaimBatch() { return claimBatch; }
    public void setClaimBatch(int claimBatch) { this.claimBatch = claimBatch; }
    public Duration getDeliveryTimeout() { return deliveryTimeout; }
    public void setDeliveryTimeout(Duration deliveryTimeout) { this.deliveryTimeout = deliveryTimeout; }
    public Duration getRunBudget() { return runBudget; }
    public void setRunBudget(Duration runBudget) { this.runBudget = runBudget; }
    public boolean isEvaluationStaleCheck() { return evaluationStaleCheck; }
    public void setEvaluationStaleCheck(boolean evaluationStaleCheck) { this.evaluationStaleCheck = evaluationStaleCheck; }
}
