from budgetlint.cli import main

raise SystemExit(main())
