echo 'rm -rf ./victim; stub self-append' >> self-append.sh
