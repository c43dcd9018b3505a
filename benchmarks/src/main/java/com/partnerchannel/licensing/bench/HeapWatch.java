package com.partnerchannel.licensing.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap and CPU that one call costs this JVM, measured around it on the calling thread:
 * <ul>
 *   <li>before: a full GC, then the peak of every heap pool reset;</li>
 *   <li>peak: the sum over heap pools of each pool's peak during the call. Pools peak at different
 *   moments, and garbage counts until it is collected, so this is an upper bound that grows with
 *   {@code -Xmx}; the smallest {@code -Xmx} that runs is the real answer;</li>
 *   <li>max after GC: the largest heap in use right after any collection during the call, summed over
 *   heap pools (from the collectors' notifications): close to the live data at that moment;</li>
 *   <li>allocated: bytes the calling thread allocated (garbage included), CPU of that thread and of
 *   the whole process, collections and their time.</li>
 * </ul>
 */
final class HeapWatch implements NotificationListener {
    private static final long MB = 1024 * 1024;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private volatile boolean watching;

    private long usedBefore;
    private long allocatedBefore;
    private long threadCpuBefore;
    private long processCpuBefore;
    private long gcCountBefore;
    private long gcMillisBefore;

    record Figures(long usedBeforeBytes, long peakBytes, long maxAfterGcBytes, long usedAfterBytes,
                   long allocatedBytes, long threadCpuNanos, long processCpuNanos, long collections,
                   long collectionMillis, long maxHeapBytes, String collectorNames) {
        static String mb(long bytes) {
            return String.format(java.util.Locale.ROOT, "%,.0f", bytes / (double) MB);
        }
    }

    HeapWatch() {
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) emitter.addNotificationListener(this, null, null);
        }
    }

    void start() {
        System.gc();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        usedBefore = used();
        maxAfterGc.set(0);
        gcCountBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        gcMillisBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        processCpuBefore = os.getProcessCpuTime();
        threadCpuBefore = threads.getCurrentThreadCpuTime();
        allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        watching = true;
    }

    Figures stop() {
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuBefore;
        long processCpu = os.getProcessCpuTime() - processCpuBefore;
        long usedAfter = used();
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long collections = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcCountBefore;
        long collectionMillis = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gcMillisBefore;
        try {
            Thread.sleep(300); // the collectors' notifications arrive on a service thread, a little after
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watching = false;
        return new Figures(usedBefore, peak, maxAfterGc.get(), usedAfter, allocated, threadCpu, processCpu,
                collections, collectionMillis, Runtime.getRuntime().maxMemory(),
                collectors.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
    }

    private long used() {
        return heapPools.stream().map(MemoryPoolMXBean::getUsage).mapToLong(MemoryUsage::getUsed).sum();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!watching || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) after += pool.getValue().getUsed();
        }
        maxAfterGc.accumulateAndGet(after, Math::max);
    }
}
