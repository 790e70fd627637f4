using System.Text.Json.Serialization;

namespace Mpo.Judging.Llm;

/// <summary>
/// Maximum output tokens per kind of judge turn. Defaults are the paper's: rationale 300, analysis 2000,
/// criterion item 500, math plan/execution 2000, math MRM analysis/refinement 2500. The paper left the score turn at
/// the SGLang default (128); a score is a few digits, so 16 is ample and bounds a babbling unguided server.
/// </summary>
/// <param name="Rationale">The one-sentence rationale per rubric item.</param>
/// <param name="Score">An integer reply (item score, criterion count).</param>
/// <param name="Analysis">The MRM's analysis and refinement turns.</param>
/// <param name="Item">One criterion written by the MRM.</param>
/// <param name="Plan">The math RM's plan and execution turns.</param>
/// <param name="MathAnalysis">The math MRM's analysis and refinement turns.</param>
public sealed record JudgeTurnLimits(
    [property: JsonPropertyName("rationale")] int Rationale = 300,
    [property: JsonPropertyName("score")] int Score = 16,
    [property: JsonPropertyName("analysis")] int Analysis = 2000,
    [property: JsonPropertyName("item")] int Item = 500,
    [property: JsonPropertyName("plan")] int Plan = 2000,
    [property: JsonPropertyName("math_analysis")] int MathAnalysis = 2500);
