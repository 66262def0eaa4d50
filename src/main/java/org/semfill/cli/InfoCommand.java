package org.semfill.cli;

import java.util.concurrent.Callable;
import org.semfill.kernels.ConvAlgorithm;
import org.semfill.kernels.Engine;
import org.semfill.kernels.KernelProvider;
import org.semfill.kernels.Kernels;
import org.semfill.kernels.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the JDK, the active kernels (and why), the vector width, the convolution algorithm and the threads.")
public final class InfoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Kernels k = KernelProvider.get();
        System.out.println("semfill " + Main.version() + ", " + Engine.describe());
        System.out.println("jdk:      " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        System.out.println("kernels:  " + k.name() + " (" + KernelProvider.reason() + ")");
        System.out.println("simd:     " + k.describe());
        System.out.println("conv:     " + ConvAlgorithm.get().name() + " (stride-2 convolutions; --conv direct or winograd)");
        System.out.println("vector:   module jdk.incubator.vector " + (KernelProvider.vectorAvailable() ? "present" : "absent"));
        System.out.println("threads:  " + Parallel.threads() + " (of " + Runtime.getRuntime().availableProcessors() + " processors)");
        System.out.println("memory:   max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        return 0;
    }
}
