// A minimal self-checking test program (the repository's real tests would use a test framework).
if (Acme.Toolkit.Names.Normalize("  Acme ") != "acme")
{
    throw new System.Exception("Normalize failed");
}

System.Console.WriteLine("tests passed");
