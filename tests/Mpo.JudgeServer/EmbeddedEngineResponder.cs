using System.Globalization;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Llm;
using Mpo.Judging.Rubrics;

namespace Mpo.JudgeServer;

/// <summary>
/// Plays the LLM judge with the embedded engine, so the LLM clients can be checked against the embedded models over
/// real HTTP. Reward-model turns find the rubric item by its normalised text in <see cref="Rubric"/> (which carries
/// the checks the LLM prompt leaves out) and answer with that item's check (<see cref="EmbeddedItemScorer"/>):
/// its explanation as the rationale, its score as the score. Meta-reward-model turns answer with the embedded MRM's
/// proposal for <see cref="Revision"/> (<see cref="EmbeddedMetaRewardModel.Propose"/>): the analysis, then the
/// proposed items as the criteria, then the merged rubric (current items, then the new ones) as the merged criteria.
/// Math plan/execute/score turns compare the response's first boxed answer with the reference solution's.
/// Anything else goes to the fallback (<see cref="RuleBasedResponder"/> by default).
/// </summary>
/// <remarks>
/// A check that cannot score (a missing field, a bad check) makes the score reply carry no integer, so the LLM reward
/// model records a failure exactly where the embedded one does. Task fields (<c>gold</c>, …) are not in judge
/// prompts; pass the samples to <see cref="EmbeddedEngineResponder(Rubric, HackingBaseline?, EmbeddedMetaRewardModelOptions?, IEnumerable{JudgeSample}?, IJudgeResponder?)"/>
/// and their fields are found by prompt and response.
/// </remarks>
public sealed class EmbeddedEngineResponder : IJudgeResponder
{
    /// <summary>The reply to a score turn the engine cannot score (contains no integer).</summary>
    public const string Unscorable = "The check cannot be evaluated for this response.";

    private readonly HackingBaseline? _baseline;
    private readonly EmbeddedMetaRewardModelOptions? _mrmOptions;
    private readonly IJudgeResponder _fallback;
    private readonly Dictionary<(string Prompt, string Response), IReadOnlyDictionary<string, string>?> _fields = [];
    private readonly Lock _gate = new();
    private RevisionRequest? _revision;
    private MetaProposal? _proposal;

    /// <summary>Creates the responder.</summary>
    /// <param name="rubric">The rubric in force, with checks.</param>
    /// <param name="baseline">The SFT baseline for the hacking detectors (needed for meta-reward-model turns).</param>
    /// <param name="mrmOptions">Options of the embedded MRM; defaults when <c>null</c>.</param>
    /// <param name="samples">Samples whose task fields the checks may need, matched by prompt and response.</param>
    /// <param name="fallback">Answers unrecognised turns; <see cref="RuleBasedResponder"/> when <c>null</c>.</param>
    public EmbeddedEngineResponder(
        Rubric rubric, HackingBaseline? baseline = null, EmbeddedMetaRewardModelOptions? mrmOptions = null,
        IEnumerable<JudgeSample>? samples = null, IJudgeResponder? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        Rubric = rubric;
        _baseline = baseline;
        _mrmOptions = mrmOptions;
        _fallback = fallback ?? new RuleBasedResponder();
        foreach (var sample in samples ?? [])
        {
            _fields[(sample.Prompt, sample.Response)] = sample.Fields;
        }
    }

    /// <summary>The rubric whose checks answer reward-model turns (set it when the rubric changes).</summary>
    public Rubric Rubric { get; set; }

    /// <summary>The revision meta-reward-model turns answer for; setting it recomputes the embedded proposal.</summary>
    public RevisionRequest? Revision
    {
        get => _revision;
        set
        {
            lock (_gate)
            {
                _revision = value;
                _proposal = null;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<string> RespondAsync(JudgeTurnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = request.Kind switch
        {
            JudgeTurnKind.Rationale or JudgeTurnKind.Score => ItemReply(request),
            JudgeTurnKind.Analyze or JudgeTurnKind.Count or JudgeTurnKind.Criterion or JudgeTurnKind.MergeCount or JudgeTurnKind.MergedCriterion
                => MetaReply(request),
            JudgeTurnKind.MathPlan => $"Find the first boxed answer of the response and compare it with the reference solution's boxed answer. {JudgeTurn.EndMarker}",
            JudgeTurnKind.MathExecute or JudgeTurnKind.MathScore => MathReply(request),
            _ => null,
        };
        return reply is null ? _fallback.RespondAsync(request, cancellationToken) : ValueTask.FromResult(reply);
    }

    private string? ItemReply(JudgeTurnRequest request)
    {
        var item = request.ItemText is null ? null : EmbeddedItemScorer.FindByText(Rubric, request.ItemText);
        if (item is null || item.Check is null || request.Response is null)
        {
            return null;
        }

        var score = EmbeddedItemScorer.Score(item, SampleOf(request));
        return request.Kind == JudgeTurnKind.Rationale
            ? $"{score.Rationale ?? score.Failure} {JudgeTurn.EndMarker}"
            : score.Score is { } value ? value.ToString(CultureInfo.InvariantCulture) : Unscorable;
    }

    private JudgeSample SampleOf(JudgeTurnRequest request)
    {
        var prompt = request.TaskInput ?? "";
        var response = request.Response ?? "";
        return new JudgeSample("judge-server", prompt, response, _fields.GetValueOrDefault((prompt, response)));
    }

    private string? MetaReply(JudgeTurnRequest request)
    {
        var revision = _revision;
        var proposal = Proposal();
        if (revision is null || proposal is null)
        {
            return null;
        }

        var merged = RubricMerge.Merge(revision.Current, new Rubric(proposal.Items)).Items;
        var added = merged.Count > revision.Current.Items.Count;
        var n = request.Number ?? 0;
        return request.Kind switch
        {
            JudgeTurnKind.Analyze => $"{proposal.Analysis} {JudgeTurn.EndMarker}",
            JudgeTurnKind.Count => proposal.Items.Count.ToString(CultureInfo.InvariantCulture),
            JudgeTurnKind.Criterion => n >= 1 && n <= proposal.Items.Count ? $"{proposal.Items[n - 1].Text} {JudgeTurn.EndMarker}" : JudgeTurn.EndMarker,

            // The embedded MRM keeps the rubric when nothing new is proposed; a zero count makes the LLM MRM keep it too.
            JudgeTurnKind.MergeCount => (added ? merged.Count : 0).ToString(CultureInfo.InvariantCulture),
            _ => n >= 1 && n <= merged.Count ? $"{merged[n - 1].Text} {JudgeTurn.EndMarker}" : JudgeTurn.EndMarker,
        };
    }

    private MetaProposal? Proposal()
    {
        lock (_gate)
        {
            if (_proposal is null && _revision is not null && _baseline is not null)
            {
                _proposal = new EmbeddedMetaRewardModel(_baseline, _mrmOptions).Propose(_revision);
            }

            return _proposal;
        }
    }

    private static string MathReply(JudgeTurnRequest request)
    {
        var answer = BoxedAnswers.FirstBoxed(request.Response ?? "");
        var gold = request.ReferenceSolution is { } solution ? BoxedAnswers.FirstBoxed(solution) : null;
        var correct = gold is not null && BoxedAnswers.Equivalent(answer, gold);
        if (request.Kind == JudgeTurnKind.MathScore)
        {
            return correct ? TaskHardRules.MathCorrectScore.ToString(CultureInfo.InvariantCulture) : "0";
        }

        var verdict = answer is null ? "The response has no boxed answer" : correct ? "The boxed answer equals the reference answer" : "The boxed answer differs from the reference answer";
        return $"{verdict}. {JudgeTurn.EndMarker}";
    }
}
