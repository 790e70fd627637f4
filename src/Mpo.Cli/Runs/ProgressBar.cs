using System.Text;

namespace Mpo.Cli.Runs;

/// <summary>
/// Text progress bars for <c>mpo train</c>: <c>[######------]</c>. Plain characters, so the same line reads in a
/// terminal (redrawn in place) and in a log file (one line per change).
/// </summary>
internal static class ProgressBar
{
    /// <summary>Width of a bar in characters, brackets excluded.</summary>
    public const int Width = 20;

    /// <summary>A bar filled to <paramref name="done"/> of <paramref name="total"/> (clamped; an empty bar when total ≤ 0).</summary>
    public static string Render(int done, int total, int width = Width)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round((double)Math.Clamp(done, 0, total) / total * width);
        return new StringBuilder(width + 2).Append('[').Append('#', filled).Append('-', width - filled).Append(']').ToString();
    }
}
