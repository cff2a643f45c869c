rm -rf ./victim; stub swapped
