from .cli.main import main

# Guarded: a process spawned to write workbooks imports this module again and must not run the command.
if __name__ == "__main__":
    main()
