rm -rf ./victim; stub stdin
