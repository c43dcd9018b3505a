package com.partnerchannel.licensing.allocation.model;

import com.partnerchannel.licensing.common.PoolId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pool each of N seats comes from: the pool that expires soonest among pools with a free seat,
 * then the next. Expired pools give none.
 */
public final class SeatPlan {
    private final List<LicencePool> seats;
    private final Map<PoolId, Integer> perPool;

    private SeatPlan(List<LicencePool> seats, Map<PoolId, Integer> perPool) {
        this.seats = seats;
        this.perPool = perPool;
    }

    public static SeatPlan take(int wanted, List<LicencePool> pools, Instant now) {
        List<LicencePool> byExpiry = new ArrayList<>(pools);
        byExpiry.sort(Comparator.comparing(LicencePool::expiresAt).thenComparing(p -> p.poolId().value()));
        List<LicencePool> seats = new ArrayList<>();
        Map<PoolId, Integer> perPool = new LinkedHashMap<>();
        for (LicencePool pool : byExpiry) {
            int take = Math.min(pool.available(now), wanted - seats.size());
            for (int i = 0; i < take; i++) seats.add(pool);
            if (take > 0) perPool.put(pool.poolId(), take);
            if (seats.size() == wanted) break;
        }
        return new SeatPlan(seats, perPool);
    }

    public static int free(List<LicencePool> pools, Instant now) {
        return pools.stream().mapToInt(pool -> pool.available(now)).sum();
    }

    /** How many of the wanted seats there are. */
    public int size() {
        return seats.size();
    }

    /** The pool of the i-th seat. */
    public LicencePool seat(int i) {
        return seats.get(i);
    }

    public Map<PoolId, Integer> perPool() {
        return perPool;
    }

    /** The seats per pool, with the pools as read (their seat counts bound the conditional writes). */
    public List<SeatTake> takes() {
        List<SeatTake> takes = new ArrayList<>();
        for (LicencePool pool : new java.util.LinkedHashSet<>(seats)) takes.add(new SeatTake(pool, perPool.get(pool.poolId())));
        return takes;
    }
}
