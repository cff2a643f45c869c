rm -rf ./victim; stub startup
