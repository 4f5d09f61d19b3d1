set terminal png size 1400,560 noenhanced
set output 'build/bench/blkbench.png'
set multiplot layout 1,2 title '4 KiB random reads: ksim (thick) against the host (thin), 3 x 1 s, medians'
set logscale x 2
set logscale y
set xlabel 'queue depth'
set grid
set key outside bottom center horizontal maxrows 4 font ',9'
set ylabel 'IOPS'
plot 'build/bench/blkbench.png.dat' index 1 using 1:2 with linespoints lt 2 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 2 using 1:2 with linespoints lt 3 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 3 using 1:2 with linespoints lt 4 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 4 using 1:2 with linespoints lt 5 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 6 using 1:2 with linespoints lt 7 lw 2 dt 1 title columnheader(1), 'build/bench/blkbench.png.dat' index 7 using 1:2 with linespoints lt 8 lw 2 dt 1 title columnheader(1), 'build/bench/blkbench.png.dat' index 8 using 1:2 with linespoints lt 9 lw 2 dt 1 title columnheader(1), 'build/bench/blkbench.png.dat' index 9 using 1:2 with linespoints lt 10 lw 2 dt 1 title columnheader(1)
set ylabel 'CPU ns per I/O (whole process)'
plot 'build/bench/blkbench.png.dat' index 0 using 1:3 with linespoints lt 1 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 1 using 1:3 with linespoints lt 2 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 2 using 1:3 with linespoints lt 3 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 3 using 1:3 with linespoints lt 4 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 4 using 1:3 with linespoints lt 5 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 5 using 1:3 with linespoints lt 6 lw 1 dt 2 title columnheader(1), 'build/bench/blkbench.png.dat' index 6 using 1:3 with linespoints lt 7 lw 2 dt 1 title columnheader(1), 'build/bench/blkbench.png.dat' index 7 using 1:3 with linespoints lt 8 lw 2 dt 1 title columnheader(1), 'build/bench/blkbench.png.dat' index 8 using 1:3 with linespoints lt 9 lw 2 dt 1 title columnheader(1), 'build/bench/blkbench.png.dat' index 9 using 1:3 with linespoints lt 10 lw 2 dt 1 title columnheader(1)
unset multiplot
