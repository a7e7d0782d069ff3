package dev.kiln.bench;

import java.util.List;

/**
 * One kernel's measured times.
 *
 * @param kernel the kernel
 * @param samplesMs per engine (in the comparison's engine order), the measured runs' {@code kernel_ms}
 */
public record KernelResult(Kernel kernel, List<List<Double>> samplesMs) {

    public KernelResult {
        samplesMs = samplesMs.stream().map(List::copyOf).toList();
    }

    /** The median time of engine {@code engineIndex}. */
    public double medianMs(int engineIndex) {
        return Stats.median(samplesMs.get(engineIndex));
    }
}
