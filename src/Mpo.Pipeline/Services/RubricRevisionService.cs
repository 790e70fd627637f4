using System.Diagnostics;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Rubrics;
using Mpo.Pipeline.Records;

namespace Mpo.Pipeline.Services;

/// <summary>
/// <c>ReviseRubric</c>: the meta-reward model reads the scored rollouts of updates FromStep+1 … Step (stored under
/// step indexes FromStep … Step−1) and proposes the next rubric. A proposal that parses becomes version v+1 with its
/// lineage (parent, step, author, analysis); otherwise the old version stays. Either way a revision record is
/// written (<see cref="BlobLayout.Revision"/>); a re-run returns what it says.
/// </summary>
public sealed class RubricRevisionService(RunContexts runs, PipelineStore store, RubricStore rubrics, Judges judges)
{
    /// <summary>Revises (or returns the revision of) step <c>input.Step</c>.</summary>
    public async Task<ReviseRubricOutput> ReviseAsync(ReviseRubricInput input, CancellationToken ct = default)
    {
        var recordPath = BlobLayout.Revision(input.RunId, input.Step);
        if (await store.TryReadJsonAsync<RevisionRecord>(recordPath, ct).ConfigureAwait(false) is { } done)
        {
            return new ReviseRubricOutput(done.RubricVersion, done.Revised, done.Failure);
        }

        var clock = Stopwatch.StartNew();
        var run = await runs.GetAsync(input.RunId, ct).ConfigureAwait(false);
        var author = RubricAuthor.Mrm(Judges.StageOf(run.Config.Mrm));
        int next = input.RubricVersion + 1;
        var samples = await ScoredSamplesAsync(input, ct).ConfigureAwait(false);
        RevisionRecord record;
        if (await rubrics.ExistsAsync(input.RunId, next, ct).ConfigureAwait(false))
        {
            // An earlier attempt wrote the version but died before its record: adopt it (an LLM would answer differently).
            var written = await rubrics.ReadAsync(input.RunId, next, ct).ConfigureAwait(false);
            if (written.ParentVersion != input.RubricVersion || written.Step != input.Step)
            {
                throw new InvalidDataException($"{BlobLayout.Rubric(input.RunId, next)} revises v{written.ParentVersion} at step {written.Step}, not v{input.RubricVersion} at step {input.Step}.");
            }

            record = Record(input, next, true, author, written.Analysis ?? "", null, samples.Count, clock);
        }
        else
        {
            var current = (await rubrics.ReadAsync(input.RunId, input.RubricVersion, ct).ConfigureAwait(false)).ToRubric();
            var mrm = await judges.MetaRewardModelAsync(run, ct).ConfigureAwait(false);
            var seed = (long)Seeds.For(run.Config.Seed, "revision", input.Step);
            var result = await mrm.ReviseAsync(new RevisionRequest(run.Data.Task, current, samples, input.Step, seed), ct).ConfigureAwait(false);
            var (rubric, failure) = Checked(result);
            if (rubric is not null)
            {
                await rubrics.WriteAsync(input.RunId, RubricVersion.Create(next, input.RubricVersion, input.Step, author, rubric, result.Analysis), ct).ConfigureAwait(false);
                record = Record(input, next, true, author, result.Analysis, null, samples.Count, clock);
            }
            else
            {
                record = Record(input, input.RubricVersion, false, author, result.Analysis, failure, samples.Count, clock);
            }
        }

        if (!await store.ExistsAsync(recordPath, ct).ConfigureAwait(false))
        {
            await store.CreateJsonAsync(recordPath, record, ct).ConfigureAwait(false);
        }

        return new ReviseRubricOutput(record.RubricVersion, record.Revised, record.Failure);
    }

    private static (Rubric? Rubric, string? Failure) Checked(RevisionResult result)
    {
        if (result.Rubric is null)
        {
            return (null, result.Failure ?? "the meta-reward model returned no rubric");
        }

        try
        {
            return (RubricFormat.Parse(RubricFormat.Render(result.Rubric), "revised rubric"), null);
        }
        catch (MpoInputException e)
        {
            return (null, $"the revised rubric does not parse: {e.Message}");
        }
    }

    private static RevisionRecord Record(ReviseRubricInput input, int version, bool revised, RubricAuthor author, string analysis, string? failure, int samples, Stopwatch clock) =>
        new(input.Step, input.FromStep, input.RubricVersion, version, revised, author.ToString(), analysis, failure, samples, clock.Elapsed.TotalMilliseconds);

    private async Task<IReadOnlyList<ScoredSample>> ScoredSamplesAsync(ReviseRubricInput input, CancellationToken ct)
    {
        var samples = new List<ScoredSample>();
        for (int step = Math.Max(0, input.FromStep); step < input.Step; step++)
        {
            var rolloutPaths = await store.ListAsync(BlobLayout.RolloutsOfStep(input.RunId, step), ct).ConfigureAwait(false);
            foreach (var rolloutPath in rolloutPaths)
            {
                var scorePath = BlobLayout.ScoresOfStep(input.RunId, step) + rolloutPath[(rolloutPath.LastIndexOf('/') + 1)..];
                var rollouts = await store.ReadJsonLinesAsync<RolloutRecord>(rolloutPath, null, ct).ConfigureAwait(false);
                var scores = await store.ReadJsonLinesAsync<ScoreRecord>(scorePath, null, ct).ConfigureAwait(false);
                samples.AddRange(rollouts.Zip(scores, (r, s) => new ScoredSample(
                    HackingBaselines.ToSample(r),
                    new SampleScore(s.Id, s.Reward ?? double.NaN, s.Items.Select(i => new ItemScore(i.Id, i.Score, null, i.Failure)).ToList(), s.Failure,
                        s.Flags.Where(f => f != ScoringService.TruncatedFlag).ToList()))));
            }
        }

        return samples;
    }
}
