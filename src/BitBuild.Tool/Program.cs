using BitBuild.Tool;

return CommandRunner.Run(args, System.Console.Out, System.Console.Error);
