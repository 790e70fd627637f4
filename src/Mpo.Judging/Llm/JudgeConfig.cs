using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Mpo.Core;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Resilience;

namespace Mpo.Judging.Llm;

/// <summary>
/// One judge of a run configuration (its <c>rm</c> or <c>mrm</c> section): which kind, where its endpoint is, and the
/// options of the reward or meta-reward model it becomes. JSON names are snake_case, as <c>RlOptions</c>'s; see
/// docs/judges.md for examples. <see cref="JudgeFactory"/> turns it into an <see cref="Abstractions.IRewardModel"/> or
/// <see cref="Abstractions.IMetaRewardModel"/>.
/// </summary>
/// <remarks>
/// Options that apply to one kind only are ignored by the other (e.g. <see cref="UncheckedItems"/> by an LLM judge).
/// WARNING: a run's rewards depend on these values; changing them mid-run changes the reward scale.
/// </remarks>
public sealed record JudgeConfig
{
    /// <summary>The judge kind. <value>The default is <see cref="JudgeKind.Embedded"/>.</value></summary>
    [JsonPropertyName("kind")]
    public JudgeKind Kind { get; init; } = JudgeKind.Embedded;

    /// <summary>The endpoint; required when <see cref="Kind"/> is <see cref="JudgeKind.OpenAi"/>. <value>The default is <c>null</c>.</value></summary>
    [JsonPropertyName("endpoint")]
    public JudgeEndpointOptions? Endpoint { get; init; }

    /// <summary>Divide the summed item scores by the rubric's maximum (both kinds). <value>The default is <c>false</c> (the paper's sum).</value></summary>
    [JsonPropertyName("normalize_by_maximum")]
    public bool NormalizeByMaximum { get; init; }

    /// <summary>How an LLM reward model rewards math responses. <value>The default is <see cref="MathMode.Mixed"/>.</value></summary>
    [JsonPropertyName("math_mode")]
    public MathMode MathMode { get; init; } = MathMode.Mixed;

    /// <summary>Run seed for the math coin outside batches (LLM). <value>The default is 42.</value></summary>
    [JsonPropertyName("seed")]
    public long Seed { get; init; } = 42;

    /// <summary>The prompt-injection penalty rule (both kinds). <value>The default is <see cref="InjectionPenaltyMode.RubricMinimum"/>.</value></summary>
    [JsonPropertyName("injection_penalty")]
    public InjectionPenaltyMode InjectionPenalty { get; init; } = InjectionPenaltyMode.RubricMinimum;

    /// <summary>Points subtracted in <see cref="InjectionPenaltyMode.Subtract"/> mode. <value>The default is 5.</value></summary>
    [JsonPropertyName("injection_penalty_points")]
    [Range(0.0, 1_000_000.0)]
    public double InjectionPenaltyPoints { get; init; } = 5;

    /// <summary>Items without a check (embedded). <value>The default is <see cref="UncheckedItemPolicy.Fail"/>.</value></summary>
    [JsonPropertyName("unchecked_items")]
    public UncheckedItemPolicy UncheckedItems { get; init; } = UncheckedItemPolicy.Fail;

    /// <summary>Rollouts the meta-reward model reads per revision (both kinds). <value>The default is 20 (<c>num_mpo_samples</c>).</value></summary>
    [JsonPropertyName("num_mpo_samples")]
    [Range(1, 10_000)]
    public int NumMpoSamples { get; init; } = 20;

    /// <summary>Cap on the criteria an LLM meta-reward model may ask for. <value>The default is 12.</value></summary>
    [JsonPropertyName("max_items")]
    [Range(1, 200)]
    public int MaxItems { get; init; } = 12;

    /// <summary>Largest share of unscorable samples a scoring batch may have before it fails and is retried. <value>The default is 0.1.</value></summary>
    [JsonPropertyName("max_unscorable_share")]
    [Range(0.0, 1.0)]
    public double MaxUnscorableShare { get; init; } = 0.1;

    /// <summary>Checks the configuration; throws <see cref="MpoInputException"/> naming <paramref name="source"/> and the JSON field.</summary>
    /// <param name="source">Where it came from (e.g. <c>run.json: rm</c>).</param>
    public void Validate(string source = "judge")
    {
        OptionsValidation.Annotations(this, source);

        if (!Enum.IsDefined(Kind))
        {
            throw new MpoInputException($"{source}: field 'kind': '{Kind}' is not a judge kind; use \"embedded\" or \"openai\".");
        }

        if (Kind == JudgeKind.OpenAi)
        {
            if (Endpoint is null)
            {
                throw new MpoInputException($"{source}: field 'endpoint' is required when kind is \"openai\" (base_url and model at least).");
            }

            Endpoint.Validate($"{source}.endpoint");
        }
    }

    /// <summary>The options of an LLM reward model.</summary>
    public RewardModelOptions RewardModelOptions() => new()
    {
        Normalization = NormalizeByMaximum ? RewardNormalization.RubricMaximum : RewardNormalization.None,
        MathMode = MathMode,
        RunSeed = Seed,
        InjectionPenalty = Penalty(),
    };

    /// <summary>The options of the embedded reward model.</summary>
    public EmbeddedRewardModelOptions EmbeddedRewardModelOptions() => new()
    {
        NormalizeByMaximum = NormalizeByMaximum,
        UncheckedItems = UncheckedItems,
        InjectionPenalty = Penalty(),
    };

    /// <summary>The options of an LLM meta-reward model.</summary>
    public MetaRewardModelOptions MetaRewardModelOptions() => new() { NumMpoSamples = NumMpoSamples, MaxItems = MaxItems };

    /// <summary>The options of the embedded meta-reward model.</summary>
    public EmbeddedMetaRewardModelOptions EmbeddedMetaRewardModelOptions() => new() { NumMpoSamples = NumMpoSamples };

    /// <summary>The failure threshold of scoring batches.</summary>
    public RewardBatchOptions BatchOptions() => new() { MaxUnscorableShare = MaxUnscorableShare };

    private InjectionPenalty Penalty() => new(InjectionPenalty, InjectionPenaltyPoints);
}
