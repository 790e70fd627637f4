namespace Mpo.Judging.Embedded.Checks;

/// <summary>Token kinds of the check language.</summary>
internal enum CheckTokenKind
{
    Word,
    Number,
    String,
    Symbol,
    End,
}

/// <summary>One token, with its 0-based offset for error messages.</summary>
internal sealed record CheckToken(CheckTokenKind Kind, string Text, int Offset)
{
    public string Describe() => Kind switch
    {
        CheckTokenKind.End => "the end of the check",
        CheckTokenKind.String => $"string \"{Text}\"",
        _ => $"'{Text}'",
    };
}
