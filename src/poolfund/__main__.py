from poolfund.cli import main

main()
