import sys

from nec_network.cli import main

sys.exit(main())
