using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Mpo.Judging.Detectors;
using Mpo.Judging.Resilience;

namespace Mpo.Judging.Llm;

/// <summary>Registers the judging services a host needs to build judges from a run configuration.</summary>
public static class JudgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers, once each, as singletons: the named judge pipelines (<see cref="JudgePipelines"/>, using the
    /// registered <see cref="TimeProvider"/> when there is one), the process's <see cref="InjectionStatistics"/>, and the
    /// <see cref="JudgeFactory"/> that turns a <see cref="JudgeConfig"/> into a reward or meta-reward model. Calling it
    /// twice registers nothing more.
    /// </summary>
    public static IServiceCollection AddMpoJudges(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new JudgePipelines(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<InjectionStatistics>();
        services.TryAddSingleton(sp => new JudgeFactory(
            sp.GetRequiredService<JudgePipelines>(), sp.GetRequiredService<InjectionStatistics>(), null, sp.GetService<ILoggerFactory>()));
        return services;
    }
}
