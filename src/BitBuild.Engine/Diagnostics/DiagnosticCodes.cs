namespace BitBuild.Engine.Diagnostics;

/// <summary>
/// Every BIT#### code in one place, so codes stay unique and stable. Ranges by layer:
/// 0xxx MSBuild targets, 1xxx workspace and state, 2xxx tag, 3xxx scopes and export, 4xxx eject, 5xxx scope server.
/// docs/diagnostics.md explains each code.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>An unexpected failure (a bug, or the environment failing in a way BitBuild does not recognise).</summary>
    public const string InternalError = "BIT9999";

    // MSBuild targets and task (the BitBuild package)
    public const string UnsupportedMSBuildHost = "BIT0001";
    public const string EngineRuntimeMissing = "BIT0002";
    public const string EngineNotFound = "BIT0003";
    public const string EngineFailed = "BIT0004";
    public const string EngineCouldNotStart = "BIT0005";
    public const string EjectNeedsIds = "BIT0006";
    public const string NoWorkspaceRoot = "BIT0007";
    public const string InvalidTagIncrement = "BIT0008";
    public const string PackageToolOutputMissing = "BIT0009";

    // Workspace and state
    public const string NotAWorkspace = "BIT1001";
    public const string AlreadyAWorkspace = "BIT1002";
    public const string CorruptBitmap = "BIT1003";
    public const string WorkspaceLocked = "BIT1004";
    public const string InvalidComponentId = "BIT1005";
    public const string UnknownComponent = "BIT1006";
    public const string DuplicateComponentId = "BIT1007";
    public const string ProjectNotFound = "BIT1008";
    public const string MsBuildEvaluationFailed = "BIT1009";
    public const string InvalidScopeName = "BIT1010";
    public const string ComponentAlreadyAdded = "BIT1011";
    public const string UnsupportedBitmapVersion = "BIT1012";
    public const string InvalidArguments = "BIT1013";
    public const string SdkNotInstalled = "BIT1014";
    public const string DeclarationsNotVisible = "BIT1015";
    public const string BitBuildPackageNotMapped = "BIT1016";

    // Tag
    public const string VersionNotGreater = "BIT2001";
    public const string InvalidVersion = "BIT2002";
    public const string BuildFailed = "BIT2003";
    public const string DependencyNotAComponent = "BIT2004";
    public const string DependencyNotTagged = "BIT2005";
    public const string DependencyCycle = "BIT2006";
    public const string UntagExported = "BIT2007";
    public const string UntagUnknownVersion = "BIT2008";
    public const string UntagHasDependents = "BIT2009";
    public const string DependencyModified = "BIT2010";
    public const string TaggedVersionOverridden = "BIT2011";
    public const string ComponentNotPackable = "BIT2012";
    public const string NotSdkStyleProject = "BIT2013";
    public const string MissingPackInput = "BIT2014";
    public const string StalePackInput = "BIT2015";

    // Scopes and export
    public const string UnknownScope = "BIT3001";
    public const string InvalidPackageId = "BIT3002";
    public const string ExportConflict = "BIT3003";
    public const string ComponentNotTagged = "BIT3004";
    public const string ComponentModified = "BIT3005";
    public const string ScopeUnreachable = "BIT3006";
    public const string LocalPackageCorrupt = "BIT3007";
    public const string ChangedSinceTagged = "BIT3008";
    public const string NoScopeForComponent = "BIT3009";
    public const string PushFailed = "BIT3010";
    public const string ScopeFolderMissing = "BIT3011";
    public const string ScopeFolderNotWritable = "BIT3012";
    public const string InvalidRemoteSource = "BIT3013";
    public const string RemoteAlreadyExists = "BIT3014";
    public const string UnknownRemote = "BIT3015";
    public const string DependencyNotInScope = "BIT3016";
    public const string OptionNeedsScope = "BIT3017";
    public const string RewireModified = "BIT3018";
    public const string NoPatternMatch = "BIT3019";
    public const string LocalPackageEntryRefused = "BIT3020";
    public const string ExportNotAtomic = "BIT3021";
    public const string ScopeHostNotFound = "BIT3022";
    public const string ScopeTimedOut = "BIT3023";
    public const string ScopeNeedsCredentials = "BIT3024";
    public const string ScopeRefusedCredentials = "BIT3025";
    public const string ScopeNotFound = "BIT3026";
    public const string ScopeServerFailed = "BIT3027";
    public const string ExportInterrupted = "BIT3028";
    public const string ScopeAnswerInvalid = "BIT3029";

    // Eject
    public const string EjectUnknownComponent = "BIT4001";
    public const string EjectNeverExported = "BIT4002";
    public const string EjectStaged = "BIT4003";
    public const string EjectModified = "BIT4004";
    public const string EjectNoScopeSource = "BIT4005";
    public const string EjectFolderHoldsOtherProjects = "BIT4006";
    public const string EjectDeclarationNotRemovable = "BIT4007";
    public const string EjectRestoreFailed = "BIT4008";
    public const string EjectStepFailed = "BIT4009";
    public const string EjectRollbackIncomplete = "BIT4010";

    // Scope server
    public const string ServerInsecureUrl = "BIT5001";
    public const string ServerCertificateInvalid = "BIT5002";
    public const string ServerScopeExists = "BIT5003";
    public const string ServerUnknownScope = "BIT5004";
    public const string ServerExportConflict = "BIT5005";
    public const string ServerPackageNotInScope = "BIT5006";
    public const string ServerInvalidPackage = "BIT5007";
    public const string ServerUnresolvedDependency = "BIT5008";
    public const string ServerUnauthorized = "BIT5009";
    public const string ServerForbidden = "BIT5010";
    public const string ServerPackageExists = "BIT5011";
    public const string ServerRequestTooLarge = "BIT5012";
    public const string ServerExportFailed = "BIT5013";
    public const string ServerBusy = "BIT5014";
    public const string ServerInvalidUrl = "BIT5015";
}
