using McMaster.Extensions.CommandLineUtils;

namespace BitBuild.Tool;

/// <summary>An <see cref="IConsole"/> over given writers, so tests can run commands in-process and read what they print.</summary>
internal sealed class PhysicalConsoleWithWriters(TextWriter stdout, TextWriter stderr) : IConsole
{
    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    public TextReader In => System.Console.In;

    public bool IsInputRedirected => System.Console.IsInputRedirected;

    public bool IsOutputRedirected => !ReferenceEquals(stdout, System.Console.Out) || System.Console.IsOutputRedirected;

    public bool IsErrorRedirected => !ReferenceEquals(stderr, System.Console.Error) || System.Console.IsErrorRedirected;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add => System.Console.CancelKeyPress += value;
        remove => System.Console.CancelKeyPress -= value;
    }

    public void ResetColor()
    {
    }
}
