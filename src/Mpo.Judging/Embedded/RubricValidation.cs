using Mpo.Core;
using Mpo.Judging.Embedded.Checks;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Embedded;

/// <summary>Checks that every item's check parses, so a bad check is reported when a rubric is loaded, not mid-run.</summary>
public static class RubricValidation
{
    /// <summary>Parses every check of <paramref name="rubric"/>.</summary>
    /// <exception cref="MpoInputException">A check does not parse; the message names <paramref name="source"/>, the item and the column.</exception>
    public static void Validate(Rubric rubric, string source)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        for (int i = 0; i < rubric.Items.Count; i++)
        {
            var item = rubric.Items[i];
            try
            {
                EmbeddedItemScorer.CheckOf(item);
            }
            catch (CheckSyntaxException e)
            {
                throw new MpoInputException($"{source}: item #{i + 1} ({item.Id}): {e.Message}", e);
            }
        }
    }
}
