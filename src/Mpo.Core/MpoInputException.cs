namespace Mpo.Core;

/// <summary>
/// A user mistake (bad file, field or value). The command line prints only the message, which names the
/// file, the field and the problem, and exits with a non-zero code without a stack trace.
/// </summary>
public class MpoInputException : Exception
{
    /// <summary>Creates the exception with a message naming the file, field and problem.</summary>
    public MpoInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public MpoInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
