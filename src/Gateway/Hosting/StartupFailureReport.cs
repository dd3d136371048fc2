using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Configuration;

namespace PatrolScores.Gateway.Hosting;

/// <summary>
/// Turns what stopped start-up into the one line an operator reads: the setting at fault and why,
/// with no stack trace and no secret.
/// </summary>
internal static class StartupFailureReport
{
    public const string Prefix = "PatrolScores cannot start: ";

    public static string Describe(Exception exception) => Prefix + FirstLine(exception switch
    {
        StartupFailureException failure => failure.Message,
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        InvalidDataException badFile => badFile.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => Unwrap(exception),
    });

    private static string Unwrap(Exception exception) => exception switch
    {
        StartupFailureException or OptionsValidationException or InvalidDataException => Describe(exception)[Prefix.Length..],

        // The configuration binder says which key held a value it could not convert.
        InvalidOperationException { InnerException: not null } binder when binder.Message.Contains("configuration value", StringComparison.Ordinal)
            => binder.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    public static string FirstLine(string text) => StartupFailureException.FirstLine(text);
}
