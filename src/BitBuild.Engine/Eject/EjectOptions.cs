namespace BitBuild.Engine.Eject;

/// <summary>How to eject: <see cref="DryRun"/> plans and reports without changing anything.</summary>
public sealed record EjectOptions(bool DryRun = false);
