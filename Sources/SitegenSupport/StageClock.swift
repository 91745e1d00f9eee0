import Foundation

/// How long one stage of a run took: wall-clock time, and the CPU time of the whole
/// process meanwhile (CPU over wall says how well the stage used the cores).
public typealias StageTiming = (stage: String, seconds: Double, cpuSeconds: Double)

/// Wall-clock and CPU time per stage of a run.
public struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageClock.processCPUSeconds()
    public private(set) var stages: [StageTiming] = []

    public init() {}

    public mutating func mark(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds, cpu = Self.processCPUSeconds()
        stages.append((stage, Double(now - last) / 1e9, cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    public static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
