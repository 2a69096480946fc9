package dev.rankadaptor.demo;

import java.util.List;

/**
 * The fixed word lists of the demo world. Which animal gets which color, habitat or food is drawn
 * from the seed by {@link WorldModel}; only names, value sets and the hand-written tool uses,
 * activity scripts and causal rules live here, so every fact a task asks about is a fact the
 * generated corpus states.
 */
final class Lexicon {
    private Lexicon() {
    }

    static final List<String> MALE_NAMES = List.of("Tom", "Ben", "Sam", "Max", "Leo", "Jack", "Paul", "Mark",
            "Hugo", "Ivan", "Omar", "Ravi", "Finn", "Owen", "Noah", "Carl", "Dan", "Eli", "Gus", "Hank",
            "Jon", "Kurt", "Luke", "Nick", "Otto", "Pete", "Rex", "Seth", "Ted", "Vic");
    static final List<String> FEMALE_NAMES = List.of("Anna", "Mia", "Lily", "Emma", "Sara", "Nora", "Ella",
            "Ruth", "Iris", "Jane", "Kate", "Lucy", "Mary", "Nina", "Olga", "Pam", "Rosa", "Tina", "Vera",
            "Zoe", "Amy", "Beth", "Cleo", "Dora", "Eva", "Fay", "Gina", "Hope", "Ida", "Joy");

    static final List<String> ANIMALS = List.of("fox", "frog", "owl", "bear", "wolf", "rabbit", "deer", "duck",
            "goose", "swan", "mouse", "rat", "cat", "dog", "horse", "cow", "pig", "goat", "sheep", "lion",
            "tiger", "zebra", "camel", "snake", "lizard", "turtle", "crab", "shark", "whale", "seal", "otter",
            "beaver", "squirrel", "bat", "crow", "eagle", "hawk", "parrot", "penguin", "monkey", "panda",
            "koala", "hedgehog", "badger", "moose", "yak", "hen", "snail");
    static final List<String> COLORS = List.of("red", "blue", "green", "yellow", "brown", "black", "white",
            "gray", "orange", "purple");
    /** Ordered from smallest to largest. */
    static final List<String> SIZES = List.of("tiny", "small", "big", "huge");
    static final List<String> FOODS = List.of("seeds", "grass", "fish", "berries", "leaves", "insects", "nuts",
            "fruit", "worms", "honey", "roots", "corn");

    /** Habitat name and the one quality that describes it. */
    static final List<String[]> HABITATS = List.of(
            new String[] {"forest", "full of tall trees"}, new String[] {"desert", "hot and dry"},
            new String[] {"pond", "small and still"}, new String[] {"river", "long and fast"},
            new String[] {"mountain", "high and cold"}, new String[] {"farm", "full of fields"},
            new String[] {"jungle", "warm and wet"}, new String[] {"sea", "deep and salty"},
            new String[] {"cave", "dark and quiet"}, new String[] {"meadow", "open and sunny"});

    /** Material, the condition it reacts to, what it does then (present tense, past tense). */
    static final List<String[]> MATERIALS = List.of(
            new String[] {"glass", "dropped", "breaks", "broke"},
            new String[] {"rubber", "dropped", "bounces", "bounced"},
            new String[] {"wood", "put in water", "floats", "floated"},
            new String[] {"iron", "put in water", "sinks", "sank"},
            new String[] {"wax", "heated", "melts", "melted"},
            new String[] {"paper", "heated", "burns", "burned"});

    static final List<String> THINGS = List.of("vase", "jar", "bowl", "plate", "bottle", "ball", "toy", "boot",
            "block", "ladle", "box", "stick", "pot", "nail", "bell", "lid", "doll", "mask", "star", "hat",
            "crown", "tray", "flute", "drum", "button", "badge", "ring", "wheel", "horn", "kite", "flag",
            "chain", "pipe", "jug", "coin", "frame", "figure", "whistle", "bead", "shell", "leaf", "fan",
            "tile", "boat", "cube", "sign", "brick", "mug");

    /** Tool followed by the goals it serves (verb phrases). */
    static final List<String[]> TOOLS = List.of(
            new String[] {"knife", "slice the bread", "cut the cheese", "peel the apple"},
            new String[] {"pair of scissors", "cut the paper", "trim the string", "cut out a picture"},
            new String[] {"shovel", "dig a hole", "move the dirt", "clear the path"},
            new String[] {"pen", "write a letter", "sign the card", "write a note"},
            new String[] {"broom", "sweep the floor", "sweep the porch", "brush away the dust"},
            new String[] {"hammer", "drive a nail", "fix the fence", "hang a picture"},
            new String[] {"bucket", "carry water", "collect the rain", "hold the sand"},
            new String[] {"spoon", "stir the soup", "eat the cereal", "mix the sugar"},
            new String[] {"umbrella", "stay dry in the rain", "keep the rain off", "walk in the rain"},
            new String[] {"towel", "dry your hands", "dry the dishes", "dry your face"},
            new String[] {"key", "open the door", "lock the gate", "unlock the chest"},
            new String[] {"lamp", "light the room", "read at night", "see in the dark"},
            new String[] {"needle", "sew the shirt", "mend the sock", "sew on a button"},
            new String[] {"comb", "fix your hair", "untangle your hair", "part your hair"},
            new String[] {"bar of soap", "wash your hands", "clean the dirt off", "wash your face"},
            new String[] {"saw", "cut the log", "cut the board", "cut a branch"},
            new String[] {"ladder", "reach the roof", "climb to the top shelf", "pick apples from the tree"},
            new String[] {"rope", "tie the boat", "pull the cart", "tie up the bundle"},
            new String[] {"net", "catch a fish", "catch a butterfly", "scoop the leaves from the pool"},
            new String[] {"oven", "bake the cake", "roast the chicken", "bake the bread"},
            new String[] {"kettle", "boil water", "make tea", "heat water for coffee"},
            new String[] {"fridge", "keep the milk cold", "chill the juice", "keep the meat fresh"},
            new String[] {"blanket", "keep warm at night", "stay warm in bed", "cover the sofa"},
            new String[] {"map", "find the way", "plan the trip", "find the lake"},
            new String[] {"tube of glue", "stick the paper together", "fix the broken vase", "attach the label"},
            new String[] {"paint brush", "paint the wall", "paint the fence", "paint a picture"},
            new String[] {"toothbrush", "clean your teeth", "brush your teeth", "keep your teeth white"},
            new String[] {"cup", "drink the milk", "drink some water", "hold the tea"},
            new String[] {"basket", "carry the apples", "hold the eggs", "carry the bread"},
            new String[] {"pillow", "rest your head", "sleep well", "sit more softly"},
            new String[] {"clock", "tell the time", "know the hour", "wake up on time"},
            new String[] {"watering can", "water the plants", "water the garden", "wet the soil"},
            new String[] {"sponge", "wipe the table", "soak up the spill", "scrub the tub"},
            new String[] {"ruler", "measure the line", "draw a straight line", "measure the board"},
            new String[] {"mirror", "see your face", "check your hair", "look at your teeth"},
            new String[] {"pump", "fill the tire", "blow up the ball", "fill the raft with air"});

    /** Activity label followed by five steps, in order (present tense, no subject). */
    static final List<String[]> ACTIVITIES = List.of(
            new String[] {"Baking bread", "mixes flour and water in a bowl", "kneads the dough on the table",
                    "puts the dough in the hot oven", "takes the brown loaf out of the oven", "cuts the bread into slices"},
            new String[] {"Washing a car", "fills a bucket with soapy water", "scrubs the car with a sponge",
                    "rinses the car with a hose", "dries the car with a towel", "polishes the car until it shines"},
            new String[] {"Planting a tree", "digs a hole in the ground", "sets the young tree in the hole",
                    "fills the hole with soil", "waters the tree", "ties the tree to a stick"},
            new String[] {"Painting a fence", "opens a can of paint", "dips the brush in the paint",
                    "paints the boards of the fence", "lets the paint dry in the sun", "cleans the brush with water"},
            new String[] {"Making tea", "boils water in a kettle", "puts a tea bag in a cup",
                    "pours the hot water into the cup", "waits for the tea to steep", "adds milk and sugar to the tea"},
            new String[] {"Grooming a dog", "calls the dog over", "holds the dog gently",
                    "brushes the fur of the dog", "pulls the loose hair from the brush", "gives the dog a treat"},
            new String[] {"Riding a bike", "puts on a helmet", "climbs onto the bike", "pushes the pedals",
                    "rides down the road", "stops the bike with the brakes"},
            new String[] {"Fishing", "puts a worm on the hook", "casts the line into the lake",
                    "waits for a fish to bite", "reels in the fish", "puts the fish in a bucket"},
            new String[] {"Building a snowman", "rolls a big ball of snow", "puts a smaller ball on top",
                    "adds a carrot for the nose", "gives the snowman two stone eyes", "wraps a scarf around the snowman"},
            new String[] {"Washing dishes", "fills the sink with warm water", "adds soap to the water",
                    "scrubs the plates with a sponge", "rinses the plates with clean water", "stacks the plates on a rack to dry"},
            new String[] {"Making a sandwich", "takes two slices of bread", "spreads butter on the bread",
                    "lays cheese and ham on one slice", "places the other slice on top", "cuts the sandwich in half"},
            new String[] {"Mowing the lawn", "pulls the mower out of the shed", "starts the engine of the mower",
                    "pushes the mower across the grass", "empties the grass from the bag", "rolls the mower back into the shed"},
            new String[] {"Swimming", "puts on goggles", "jumps into the pool", "swims to the far end of the pool",
                    "turns and swims back", "climbs out of the pool"},
            new String[] {"Wrapping a gift", "puts the gift in a box", "cuts a piece of wrapping paper",
                    "folds the paper around the box", "tapes the paper closed", "ties a ribbon on top"},
            new String[] {"Cleaning a window", "fills a bucket with water", "sprays the glass with cleaner",
                    "wipes the glass with a cloth", "dries the frame with a rag", "looks through the clean window"},
            new String[] {"Playing the guitar", "tunes the strings", "rests the guitar on one knee",
                    "strums the strings", "sings a song with the music", "bows to the crowd"},
            new String[] {"Doing laundry", "sorts the clothes by color", "loads the clothes into the washer",
                    "adds soap and starts the machine", "hangs the wet clothes on a line", "folds the dry clothes"},
            new String[] {"Making pancakes", "mixes eggs, milk and flour", "heats a pan on the stove",
                    "pours the batter into the pan", "flips the pancake over", "serves the pancakes with honey"},
            new String[] {"Rock climbing", "puts on a harness", "rubs chalk on the hands", "grabs the first hold",
                    "climbs to the top of the wall", "slides down on the rope"},
            new String[] {"Shoveling snow", "puts on warm boots", "takes the shovel from the garage",
                    "scoops the snow off the path", "throws the snow to the side", "spreads salt on the path"},
            new String[] {"Feeding chickens", "fills a pail with corn", "opens the gate of the coop",
                    "scatters the corn on the ground", "watches the hens peck", "collects the eggs from the nests"},
            new String[] {"Sewing a button", "threads the needle", "ties a knot in the thread",
                    "pushes the needle through the button", "pulls the thread tight", "snips the thread with scissors"},
            new String[] {"Lighting a campfire", "gathers dry sticks", "stacks the sticks in a circle of stones",
                    "strikes a match", "blows gently on the small flame", "adds bigger logs to the fire"},
            new String[] {"Carving a pumpkin", "cuts the top off the pumpkin", "scoops out the seeds",
                    "draws a face on the pumpkin", "carves out the eyes and mouth", "puts a candle inside"},
            new String[] {"Setting the table", "spreads a cloth on the table", "lays out the plates",
                    "puts a fork and knife by each plate", "fills the glasses with water", "calls everyone to dinner"},
            new String[] {"Ice skating", "laces up the skates", "steps onto the ice", "glides across the rink",
                    "spins in a circle", "skates back to the bench"},
            new String[] {"Flying a kite", "unrolls the kite string", "runs across the field",
                    "lets the wind lift the kite", "pulls the string to steer the kite", "winds the string back in"},
            new String[] {"Cooking rice", "rinses the rice in a bowl", "pours the rice into a pot of water",
                    "brings the water to a boil", "covers the pot and lowers the heat", "fluffs the rice with a fork"},
            new String[] {"Changing a tire", "loosens the bolts on the wheel", "lifts the car with a jack",
                    "pulls off the flat tire", "puts on the spare tire", "tightens the bolts again"},
            new String[] {"Brushing teeth", "squeezes paste onto the toothbrush", "brushes the front teeth",
                    "brushes the back teeth", "rinses the mouth with water", "puts the toothbrush in the cup"});

    /** Cause (clause), effect (clause). */
    static final List<String[]> RULES = List.of(
            new String[] {"it rains", "the ground gets wet"},
            new String[] {"the sun sets", "the sky gets dark"},
            new String[] {"you heat ice", "the ice melts"},
            new String[] {"water gets very cold", "the water freezes"},
            new String[] {"you plant a seed and water it", "the seed grows"},
            new String[] {"the wind blows", "the leaves move"},
            new String[] {"you push a ball", "the ball rolls"},
            new String[] {"you turn on the light", "the room gets bright"},
            new String[] {"a plant gets no water", "the plant dries up"},
            new String[] {"you blow on a candle", "the flame goes out"},
            new String[] {"snow gets warm", "the snow turns to water"},
            new String[] {"you shake the tree", "the fruit falls down"},
            new String[] {"you mix red and blue paint", "you get purple paint"},
            new String[] {"you mix yellow and blue paint", "you get green paint"},
            new String[] {"you boil water", "steam rises"},
            new String[] {"you eat a big meal", "you feel full"},
            new String[] {"you run for a long time", "you get tired"},
            new String[] {"clouds cover the sun", "the day gets cooler"},
            new String[] {"you stretch a spring", "the spring gets longer"},
            new String[] {"you ring the bell", "the bell makes a sound"},
            new String[] {"the river floods", "the fields get muddy"},
            new String[] {"winter comes", "the days get short"},
            new String[] {"a dog is happy", "it wags its tail"},
            new String[] {"you open the window", "fresh air comes in"},
            new String[] {"you leave milk out for days", "the milk goes sour"},
            new String[] {"you hit a drum", "the drum makes a loud sound"},
            new String[] {"a cat is scared", "it hides under the bed"},
            new String[] {"you forget to feed the fish", "the fish gets hungry"});
}
