using Microsoft.Extensions.Logging;

namespace Mpo.Judging.Llm;

/// <summary>Generated log messages of the LLM judge clients (event ids 4100–4199). Never log keys or prompts.</summary>
internal static partial class LlmJudgeLogs
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Judge endpoint {Endpoint} at {BaseUrl}, model {Model}, guided decoding {Guided}")]
    public static partial void EndpointReady(ILogger logger, string endpoint, string baseUrl, string model, GuidedDecoding guided);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Judge call {Kind} on {Endpoint} failed: {Cause}")]
    public static partial void CallFailed(ILogger logger, string kind, string endpoint, string cause);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Sample {SampleId} unscorable: {Cause}")]
    public static partial void SampleUnscorable(ILogger logger, string sampleId, string cause);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "MRM revision at step {Step} kept the previous rubric: {Cause}")]
    public static partial void RevisionRejected(ILogger logger, int step, string cause);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "MRM revision at step {Step}: {Items} items from {Samples} analyses")]
    public static partial void RevisionProduced(ILogger logger, int step, int items, int samples);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Scored batch at step {Step}: {Scored} scored, {Unscorable} unscorable")]
    public static partial void BatchScored(ILogger logger, int step, int scored, int unscorable);
}
