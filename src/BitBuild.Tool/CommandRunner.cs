using BitBuild.Engine.Diagnostics;
using BitBuild.Tool.Commands;
using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool;

/// <summary>Exit codes of dotnet bit.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
}

/// <summary>Parses the command line, runs the command, and turns BIT#### errors into "error BIT####: …" and an exit code.</summary>
public static class CommandRunner
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var app = new CommandLineApplication<BitCommand>(new PhysicalConsoleWithWriters(stdout, stderr));
        app.Conventions.UseDefaultConventions();
        app.ValidationErrorHandler = result =>
        {
            stderr.WriteLine($"error {DiagnosticCodes.InvalidArguments}: {result.ErrorMessage}");
            return ExitCodes.UsageError;
        };
        try
        {
            return app.Execute(args);
        }
        catch (CommandParsingException ex)
        {
            stderr.WriteLine($"error {DiagnosticCodes.InvalidArguments}: {ex.Message} (see 'dotnet bit --help')");
            return ExitCodes.UsageError;
        }
        catch (BitException ex)
        {
            ConsoleLog.WriteError(stderr, ex);
            return ex.IsUsageError ? ExitCodes.UsageError : ExitCodes.Failure;
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is BitException bit)
        {
            ConsoleLog.WriteError(stderr, bit);
            return bit.IsUsageError ? ExitCodes.UsageError : ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug or an environment failure we did not foresee: say so plainly on stderr, and keep the stack trace for the
            // bug report in a file rather than in front of the user (and in every build log the MSBuild task writes).
            var details = CrashReport.TryWrite(args, ex);
            stderr.WriteLine(
                $"error {DiagnosticCodes.InternalError}: dotnet bit failed unexpectedly: {ex.Message} This is a bug in BitBuild; " +
                (details is null ? "run it again with BIT_SHOW_STACK_TRACE=1 to see the details, and report them." : $"the details are in {details}; please report them."));
            if (Environment.GetEnvironmentVariable("BIT_SHOW_STACK_TRACE") == "1")
            {
                stderr.WriteLine(ex.ToString());
            }

            return ExitCodes.Failure;
        }
    }
}
