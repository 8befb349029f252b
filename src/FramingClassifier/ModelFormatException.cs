namespace FramingClassifier;

/// <summary>A model file is not a FramingClassifier model, is truncated or corrupted, or comes from a newer format version.</summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public ModelFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
